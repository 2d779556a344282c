// safelab-maint judge NN: CTest's lab gate. Runs one lab test binary under a
// build's sanitizer options and judges it against the wanted outcome.
#include <fstream>
#include <iostream>
#include <sstream>

#include "labs_check.h"
#include "labs_commands.h"

namespace safelab::cli::labs {
namespace {

struct Options {
  Where where;
  std::string name;
  std::string binary;
  std::string build;
  std::string want = "pass";
  std::string source;  // the exercise's source, for the technique checks
  std::int64_t timeout = 120;
};

int run(const Options& o, const std::string& command) {
  const LabSet set = LabSet::load(o.where.labs());
  const Lab* lab = lab_or_complain(set, o.name, command);
  if (lab == nullptr) return 2;
  const auto result = run_tests(o.binary, o.build, std::chrono::seconds(o.timeout));
  Judgement j = judge_tests(*lab, o.build, result);
  bool ok = o.want == "pass" ? j.pass : j.intended;
  if (ok && o.want == "pass" && !o.source.empty()) {
    // The solution teaches the technique too: what `labs check` asks of
    // the learner once the tests pass.
    std::ifstream in(o.source, std::ios::binary);
    if (!in) throw LabsError("cannot read " + o.source);
    std::ostringstream text;
    text << in.rdbuf();
    if (const auto problem = technique_problem(lab->id, lab->technique, text.str())) {
      j.summary = *problem;
      ok = false;
    } else if (!todo_lines(text.str()).empty()) {
      j.summary = o.source + " still carries TODO markers";
      ok = false;
    }
  }
  std::cout << (ok ? "PASS" : "FAIL") << " lab " << lab->dir << " [" << o.build << "] want "
            << o.want << (o.want == "pass" ? "" : " (" + lab->fails_as.describe() + ")") << ": "
            << j.summary << "\n";
  if (!j.detail.empty()) std::cout << "  " << j.detail << "\n";
  if (!ok) std::cout << "--- stdout:\n" << result.out << "--- stderr:\n" << result.err << "\n";
  return ok ? 0 : 1;
}

}  // namespace

void add_judge(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "judge", "(CTest) judge one lab test binary: passes or fails as intended",
      "Runs one lab test binary under a build's sanitizer options and judges it: `--want pass` "
      "(the solution: every test passes, no report) or `--want intended-failure` (the untouched "
      "exercise: fails exactly as labs.json says). Used by CTest's lab gate. Exit 0 if the "
      "wanted outcome happened, else 1.");
  app->add_option("lab", opts->name, "NN: the lab")->required();
  app->add_option("--binary", opts->binary, "PATH: the lab's test binary")->required();
  app->add_option("--build", opts->build, "the build the binary comes from")
      ->required()
      ->check(one_of({"default", "asan", "tsan"}));
  app->add_option("--want", opts->want, "the outcome that passes (default pass)")
      ->check(one_of({"pass", "intended-failure"}));
  app->add_option("--source", opts->source,
                  "PATH: with --want pass, the exercise's source must also use the lab's "
                  "technique and carry no TODO");
  app->add_option("--timeout", opts->timeout, "seconds before the run is killed (default 120)")
      ->check(between(1, 3600));
  opts->where.add_to(app, false);
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
