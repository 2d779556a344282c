// safelab labs check NN: builds one lab and runs its tests in every build it
// needs; says in plain words what failed.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "absl/strings/str_format.h"
#include "labs_check.h"
#include "labs_commands.h"
#include "labs_shipped.h"
#include "output.h"

namespace safelab::cli::labs {
namespace {

namespace fs = std::filesystem;

std::string seconds(std::chrono::steady_clock::duration d) {
  return absl::StrFormat("%.1f s", std::chrono::duration<double>(d).count());
}

// The lab's files besides the exercise that differ from their shipped copy
// (its tests, its header, its CMakeLists.txt: the learner edits only the
// exercise; README.md and hints.md may take notes).
std::vector<std::string> edited_lab_files(const LabSet& set, const Lab& lab) {
  std::vector<std::string> out;
  const std::string prefix = lab.dir + "/";
  for (const ShippedFile& f : shipped_files()) {
    if (!f.path.starts_with(prefix)) continue;
    const std::string name(f.path.substr(prefix.size()));
    if (name == lab.exercise || name == "README.md" || name == "hints.md") continue;
    if (read_text(set.root() / f.path) != f.content) out.push_back(name);
  }
  return out;
}

CheckOutcome run_check(const LabSet& set, const Lab& lab, const Where& where,
                       std::chrono::seconds timeout, std::ostream& say) {
  CheckOutcome out;
  const auto mark = [&](const StepRow& row) {
    say << (row.ok ? "  ok    " : "  FAIL  ") << "[" << row.build << "] " << row.what << "\n";
    if (!row.detail.empty()) say << "        " << row.detail << "\n";
    say << std::flush;
    out.rows.push_back(row);
  };
  // A lab is checked against its tests as shipped: disabling or weakening a
  // test silences the check, it does not fix the exercise.
  if (const auto edited = edited_lab_files(set, lab); !edited.empty()) {
    out.reason = "the lab's own files were changed (" + edited.front() +
                 (edited.size() > 1 ? ", ..." : "") + "): only " + lab.exercise +
                 " is yours to edit; `safelab labs reset " + lab.id + "` restores them";
    mark({"lab", false, "lab " + lab.id + " is checked by its tests as shipped", out.reason});
    return out;
  }
  // The build whose report the lab teaches runs first: for labs 07 and 08
  // the plain build also fails (a wrong number, garbage bytes), and
  // stopping there would hide the UBSan/ASan report that explains why.
  std::vector<std::string> builds = lab.builds;
  if (lab.fails_as.kind == "sanitizer") {
    std::stable_partition(builds.begin(), builds.end(),
                          [&](const std::string& b) { return b == lab.fails_as.build; });
  }
  for (const std::string& build : builds) {
    if (!where.only_build.empty() && build != where.only_build) continue;
    LabBuild b(build, where.safelab_for(build), where.work_dir(), set.root());
    if (auto err = b.prepare(say)) {
      out.setup_error = true;
      out.reason = *err;
      mark({build, false, "cannot build: " + *err, ""});
      return out;
    }
    const LabBuild::Compile c = b.compile(lab);
    if (!c.ok) {
      std::string what = "does not compile";
      if (lab.fails_as.kind == "compile-error" &&
          std::regex_search(c.output, std::regex(lab.fails_as.regex))) {
        what += " (as shipped: this is the lab's starting point)";
      }
      out.reason = "does not compile: " + c.first_error;
      mark({build, false, what, c.first_error});
      return out;
    }
    const verdict::ProcessResult run = run_tests(b.binary(lab), build, timeout);
    const Judgement j = judge_tests(lab, build, run);
    std::string what = j.summary;
    if (j.intended) what += " (as shipped: this is what the lab teaches you to fix)";
    mark({build, j.pass, what, j.report.empty() ? j.detail : ""});
    if (!j.pass) {
      // The whole output, for the stacks the short report leaves out.
      const fs::path log = where.work_dir() / build / (lab.target() + ".log");
      std::error_code ec;
      fs::create_directories(log.parent_path(), ec);
      std::ofstream(log) << run.out << "\n--- stderr:\n" << run.err;
      for (const std::string& line : j.report) say << "      " << line << "\n";
      say << "        full output: " << log.string() << "\n" << std::flush;
      out.reason = "[" + build + "] " + j.summary;
      return out;
    }
  }
  if (out.rows.empty()) {
    out.reason = "no build of this lab matches --build " + where.only_build;
    return out;
  }
  // The tests pass: now the technique the lab is named after, and the
  // learner's own sign that the work is finished (no TODO left).
  const std::string source = read_text(set.exercise_path(lab));
  if (const auto problem = technique_problem(lab.id, lab.technique, source)) {
    out.reason = *problem;
    mark({"technique", false, *problem, ""});
    return out;
  }
  if (!lab.technique.empty()) mark({"technique", true, "uses " + lab.technique.teaches, ""});
  if (const std::vector<int> todo = todo_lines(source); !todo.empty()) {
    out.reason = "the checks pass; remove the TODO markers (" + lab.exercise + ":" +
                 std::to_string(todo.front()) + (todo.size() > 1 ? ", ..." : "") +
                 ") once you are happy with your fix";
    mark({"todo", false, out.reason, ""});
    return out;
  }
  out.pass = true;
  return out;
}

// The model of `check --format json`: the lab and its outcome.
struct Checked {
  const Lab* lab;
  CheckOutcome outcome;
};

Json to_json(const Checked& c) {
  Json steps = Json::array();
  for (const StepRow& r : c.outcome.rows) {
    steps.push_back({{"build", r.build}, {"ok", r.ok}, {"what", r.what}, {"detail", r.detail}});
  }
  Json doc;
  doc["lab"] = c.lab->dir;
  doc["done"] = c.outcome.pass;
  doc["reason"] = c.outcome.reason;
  doc["steps"] = std::move(steps);
  return doc;
}

struct Options {
  Where where;
  std::string name;
  Format format = Format::table;
  // A test that hangs is named within seconds: the labs' tests take well
  // under one second each, TSan included.
  std::int64_t timeout = 20;
};

int run(const Options& o, const std::string& command) {
  if (!o.where.safelab_build.empty() && o.where.only_build.empty()) {
    return usage_error(command + ": --safelab-build needs --build", command);
  }
  const LabSet set = LabSet::load(o.where.labs());
  const Lab* lab = lab_or_complain(set, o.name, command);
  if (lab == nullptr) return 2;
  // The step lines are the table view; JSON gets the same steps as a list.
  const bool json = o.format == Format::json;
  std::ostringstream quiet;
  Checked checked{lab, check_and_record(set, *lab, o.where, std::chrono::seconds(o.timeout),
                                        json ? static_cast<std::ostream&>(quiet) : std::cout)};
  if (json) print_json(std::cout, to_json(checked));
  if (checked.outcome.setup_error) {
    std::cerr << command << ": " << checked.outcome.reason << "\n";
    return 2;
  }
  return checked.outcome.pass ? 0 : 1;
}

}  // namespace

CheckOutcome check_and_record(const LabSet& set, const Lab& lab, const Where& where,
                              std::chrono::seconds timeout, std::ostream& say) {
  const auto start = std::chrono::steady_clock::now();
  say << "checking lab " << lab.dir << " (" << lab.title << ")\n" << std::flush;
  CheckOutcome out = run_check(set, lab, where, timeout, say);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (!out.setup_error) {
    RunnerState state(where.state_file());
    state.record_check(lab.id, {out.pass, folder_hash(set, lab), out.reason});
    state.save();
  }
  if (out.pass) {
    say << "lab " << lab.dir << " is done (" << seconds(elapsed) << ").\n";
  } else if (!out.setup_error) {
    say << "lab " << lab.dir << " is not done yet (" << seconds(elapsed) << "). Edit "
        << (fs::path(lab.dir) / lab.exercise).string() << "; `safelab labs hint " << lab.id
        << "` helps.\n";
  }
  say << std::flush;
  return out;
}

void add_check(CLI::App& labs, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      labs, "check", "build and check one lab (tests + sanitizers)",
      "Builds one lab (only its targets, incrementally) and runs its tests in every build it "
      "needs, sanitizers included; says in plain words what failed and the first relevant line "
      "of the report. Exit 0 if the lab is done, 1 if not, 2 on bad usage or a missing safelab "
      "build.");
  app->add_option("lab", opts->name, "NN: the lab, as 01, 1, 01-data-race or data-race")
      ->required();
  opts->where.add_to(app, true);
  app->add_option("--timeout", opts->timeout, "seconds before a test run is killed (default 20)")
      ->check(between(1, 3600));
  add_format_option(app, &opts->format);
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
