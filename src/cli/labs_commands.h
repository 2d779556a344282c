// src/cli/labs_commands.h
//
// `safelab labs`, a rustlings-like runner for labs/, one file per job:
//
//   list            every lab with its progress, and the next one to do
//   check NN        builds just that lab, runs its tests in each build it
//                   needs (incl. sanitizers), says in plain words what failed
//   hint NN         the next graded hint (gentle first, the answer last)
//   watch [NN]      re-checks the current lab whenever its files change
//   reset NN        restores the shipped exercise and tests, and the hints
//   setup           installs and configures every build the labs use, once
//
// and the maintainer's lab tools, in `safelab-maint` (never in the
// learner's command):
//
//   judge NN        (CTest) judges one test binary: passes, or fails as intended
//   capture NN      (docs) the normalised report a lab README quotes
#ifndef SAFELAB_CLI_LABS_COMMANDS_H_
#define SAFELAB_CLI_LABS_COMMANDS_H_

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "cli_app.h"
#include "labs_model.h"
#include "labs_where.h"
#include "output.h"

namespace safelab::cli::labs {

void add_list(CLI::App& labs, Commands& commands);
void add_check(CLI::App& labs, Commands& commands);
void add_hint(CLI::App& labs, Commands& commands);
void add_watch(CLI::App& labs, Commands& commands);
void add_reset(CLI::App& labs, Commands& commands);
void add_setup(CLI::App& labs, Commands& commands);

// safelab-maint
void add_judge(CLI::App& app, Commands& commands);
void add_capture(CLI::App& app, Commands& commands);

// One step of a check: a build of the lab, compiled and tested.
struct StepRow {
  std::string build;
  bool ok = false;
  std::string what;
  std::string detail;
};

struct CheckOutcome {
  bool pass = false;
  bool setup_error = false;  // no safelab build, configure failed: exit 2
  std::string reason;        // one line, when !pass
  std::vector<StepRow> rows;
};

// check_and_record()
//
// Checks `lab` in every build it needs (or --build's), telling `say` each
// step, and records the outcome in the runner's state (`check` and `watch`).
CheckOutcome check_and_record(const LabSet& set, const Lab& lab, const Where& where,
                              std::chrono::seconds timeout, std::ostream& say);

// show_next_hint()
//
// Prints the lab's next graded hint (the first again with `restart`) and
// remembers the stage (`hint` and watch's h key).
void show_next_hint(const LabSet& set, const Lab& lab, const Where& where, bool restart,
                    std::ostream& say);

// print_list()
//
// Every lab with its progress, "N/M done" and the next one (`list` and
// watch's l key).
void print_list(const LabSet& set, const Where& where, Format format, std::ostream& say);

// done_count()
//
// "7/10 done": labs whose last check passed on their folder as it is now.
std::string done_count(const LabSet& set, const RunnerState& state);

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_COMMANDS_H_
