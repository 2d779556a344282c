// safelab check FILE...: the sanitizer suite on a program that is not in the
// catalog. Builds it once per checker, runs it (TSan and helgrind several
// times), and prints which checker reported what, with the top frame in the
// user's own files.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "commands.h"
#include "output.h"
#include "verdict/standalone.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Tool;

std::vector<std::string> checker_names() {
  std::vector<std::string> names;
  for (Tool c : verdict::run_time_tools()) names.emplace_back(verdict::to_string(c));
  return names;
}

// The model: what each checker saw, and the outcome against --expect.
struct Checked {
  std::vector<std::string> files;
  std::string expect;
  bool pass = false;
  std::vector<verdict::CheckerOutcome> outcomes;
};

Json to_json(const Checked& c) {
  Json tools = Json::array();
  for (const auto& o : c.outcomes) {
    Json j;
    j["tool"] = verdict::to_string(o.checker);
    j["outcome"] = verdict::to_string(o.status);
    j["runs"] = o.runs;
    j["detections"] = o.detections;
    j["kind"] = o.kind;
    j["headline"] = o.headline;
    j["user_frame"] = o.user_frame;
    j["detail"] = o.detail;
    tools.push_back(std::move(j));
  }
  Json doc;
  doc["files"] = c.files;
  doc["expect"] = c.expect.empty() ? Json(nullptr) : Json(c.expect);
  doc["pass"] = c.pass;
  doc["tools"] = std::move(tools);
  return doc;
}

Table to_table(const Checked& c) {
  Table table({"tool", "outcome", "reported in", "kind", "where (your code)", "headline / detail"});
  for (const auto& o : c.outcomes) {
    table.add(
        {std::string(verdict::to_string(o.checker)), std::string(verdict::to_string(o.status)),
         absl::StrFormat("%d/%d runs", o.detections, o.runs), o.kind.empty() ? "-" : o.kind,
         o.user_frame.empty() ? "-" : o.user_frame, o.headline.empty() ? o.detail : o.headline});
  }
  return table;
}

struct Options {
  std::vector<std::string> files;
  std::vector<std::string> includes;
  std::vector<std::string> defines;
  std::vector<std::string> program_args;
  std::string expect;
  std::string tools = "asan,ubsan,lsan,tsan,memcheck,helgrind";
  Format format = Format::table;
  std::int64_t runs = 3;
  std::int64_t timeout = 60;
};

int run_check(const Options& opts, const std::string& command) {
  std::vector<Tool> checkers;
  const std::vector<std::string> names = absl::StrSplit(opts.tools, ',', absl::SkipEmpty());
  for (const std::string& name : names) {
    const auto c = verdict::parse_tool(name);
    if (!c || !verdict::runs_program(*c)) {
      return usage_error(absl::StrFormat("safelab check: unknown tool '%s'; valid tools: %s", name,
                                         join_choices(checker_names())),
                         command);
    }
    checkers.push_back(*c);
  }
  if (checkers.empty()) return usage_error("safelab check: --tools is empty", command);

  verdict::ProgramSpec program;
  for (const std::string& f : opts.files) {
    const fs::path path = fs::absolute(f);
    const std::string ext = path.extension().string();
    if (ext != ".c" && ext != ".cpp" && ext != ".cc" && ext != ".cxx") {
      return usage_error("safelab check: '" + f + "' is not a .c/.cpp/.cc/.cxx file", command);
    }
    if (!fs::is_regular_file(path)) {
      return usage_error("safelab check: no such file '" + f + "'", command);
    }
    program.sources.push_back(path);
  }
  program.include_dirs = opts.includes;
  program.defines = opts.defines;
  program.args = opts.program_args;
  program.work_dir = fs::temp_directory_path() / ("safelab-check-" + std::to_string(getpid()));

  verdict::CheckOptions options;
  options.checkers = checkers;
  options.runs = static_cast<int>(opts.runs);
  options.timeout = std::chrono::seconds(opts.timeout);

  Checked checked{opts.files, opts.expect, false, {}};
  for (Tool c : checkers) {
    show_status("check: building and running under " + std::string(verdict::to_string(c)));
    checked.outcomes.push_back(verdict::check_with(program, c, options));
  }
  clear_status();
  std::error_code ignored;
  fs::remove_all(program.work_dir, ignored);

  // The outcome against --expect.
  bool any_problem = false;
  bool matched = false;
  bool all_clean = true;
  for (const auto& o : checked.outcomes) {
    any_problem = any_problem || o.status == verdict::Status::build_failed ||
                  o.status == verdict::Status::timed_out || o.status == verdict::Status::failed;
    all_clean = all_clean && o.status == verdict::Status::clean;
    matched = matched || (o.status == verdict::Status::detected && o.kind == opts.expect);
  }
  checked.pass =
      opts.expect.empty() ? !any_problem : (opts.expect == "clean" ? all_clean : matched);

  render(std::cout, opts.format, checked);
  if (opts.format != Format::json && !opts.expect.empty()) {
    std::cout << (checked.pass ? "PASS" : "FAIL") << ": expected " << opts.expect << "\n";
  }
  return checked.pass ? 0 : 1;
}

}  // namespace

void add_check(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "check", "run the sanitizer suite on your own C/C++ program",
      "Builds a standalone C or C++ program once per checker (ASan, UBSan, LSan, TSan, Valgrind "
      "memcheck and helgrind), runs it, and prints what each reported and where in your files. "
      "With --expect, exits 0 only if the outcome matches: KIND (e.g. 'data race', "
      "'heap-use-after-free', 'signed-integer-overflow', 'uninitialised value') must be reported "
      "by some checker; 'clean' means every checker ran clean. Build failures and runs that hit "
      "--timeout are reported as such, never as clean.");
  app->add_option("files", opts->files, "FILE..., the program's .c/.cpp files")->required();
  app->add_option("--expect", opts->expect, "KIND|clean, the outcome that must be seen");
  app->add_option("--tools", opts->tools, "comma-separated checkers (default: all six)");
  app->add_option("--runs", opts->runs,
                  "runs for the timing-dependent checkers, tsan and helgrind (default 3)")
      ->check(between(1, 100));
  app->add_option("--timeout", opts->timeout, "seconds before a run is killed (default 60)")
      ->check(between(1, 3600));
  app->add_option("--include", opts->includes, "DIR, an include directory (repeatable)")
      ->allow_extra_args(false);
  app->add_option("--define", opts->defines, "NAME[=V], a preprocessor definition (repeatable)")
      ->allow_extra_args(false);
  app->add_option("--arg", opts->program_args, "WORD, an argument for the program (repeatable)")
      ->allow_extra_args(false);
  add_format_option(app, &opts->format);
  commands.add(app, [opts, app] { return run_check(*opts, command_path(app)); });
}

}  // namespace safelab::cli
