// safelab check FILE...: the sanitizer suite on a program that is not in the
// catalog. Builds it once per checker, runs it (TSan and helgrind several
// times), and prints which checker reported what, with the top frame in the
// user's own files.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "args.h"
#include "commands.h"
#include "output.h"
#include "verdict/standalone.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Tool;

std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::vector<std::string> checker_names() {
  std::vector<std::string> names;
  for (Tool c : verdict::run_time_tools()) names.emplace_back(verdict::to_string(c));
  return names;
}

}  // namespace

int cmd_check(const Args& args) {
  std::vector<std::string> files;
  std::vector<std::string> includes;
  std::vector<std::string> defines;
  std::vector<std::string> program_args;
  std::string expect;
  std::string tools = "asan,ubsan,lsan,tsan,memcheck,helgrind";
  std::string format = "table";
  std::int64_t runs = 3;
  std::int64_t timeout = 60;
  ArgParser parser(
      "safelab check",
      "Builds a standalone C or C++ program once per checker (ASan, UBSan, LSan, TSan, Valgrind "
      "memcheck and helgrind), runs it, and prints what each reported and where in your files. "
      "With --expect, exits 0 only if the outcome matches: KIND (e.g. 'data race', "
      "'heap-use-after-free', 'signed-integer-overflow', 'uninitialised value') must be reported "
      "by some checker; 'clean' means every checker ran clean. Build failures and runs that hit "
      "--timeout are reported as such, never as clean.");
  parser.rest("FILE", "the program's .c/.cpp files", &files, 1)
      .option("expect", "KIND|clean", "the outcome that must be seen", &expect)
      .option("tools", "LIST", "comma-separated checkers (default: all six)", &tools)
      .integer("runs", "runs for the timing-dependent checkers, tsan and helgrind (default 3)",
               &runs, 1, 100)
      .integer("timeout", "seconds before a run is killed (default 60)", &timeout, 1, 3600)
      .repeated("include", "DIR", "an include directory", &includes)
      .repeated("define", "NAME[=V]", "a preprocessor definition", &defines)
      .repeated("arg", "WORD", "an argument for the program", &program_args)
      .choice("format", "output format", &format, format_names());
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }

  std::vector<Tool> checkers;
  for (const std::string& name : split_commas(tools)) {
    const auto c = verdict::parse_tool(name);
    if (!c || !verdict::runs_program(*c)) {
      return usage_error("safelab check: unknown tool '" + name +
                             "'; valid tools: " + join_choices(checker_names()),
                         parser.command());
    }
    checkers.push_back(*c);
  }
  if (checkers.empty()) return usage_error("safelab check: --tools is empty", parser.command());

  verdict::ProgramSpec program;
  for (const std::string& f : files) {
    const fs::path path = fs::absolute(f);
    const std::string ext = path.extension().string();
    if (ext != ".c" && ext != ".cpp" && ext != ".cc" && ext != ".cxx") {
      return usage_error("safelab check: '" + f + "' is not a .c/.cpp/.cc/.cxx file",
                         parser.command());
    }
    if (!fs::is_regular_file(path)) {
      return usage_error("safelab check: no such file '" + f + "'", parser.command());
    }
    program.sources.push_back(path);
  }
  program.include_dirs = includes;
  program.defines = defines;
  program.args = program_args;
  program.work_dir = fs::temp_directory_path() / ("safelab-check-" + std::to_string(getpid()));

  verdict::CheckOptions options;
  options.checkers = checkers;
  options.runs = static_cast<int>(runs);
  options.timeout = std::chrono::seconds(timeout);

  std::vector<verdict::CheckerOutcome> outcomes;
  for (Tool c : checkers) {
    show_status("check: building and running under " + std::string(verdict::to_string(c)));
    outcomes.push_back(verdict::check_with(program, c, options));
  }
  clear_status();
  std::error_code ignored;
  fs::remove_all(program.work_dir, ignored);

  // The outcome against --expect.
  bool any_problem = false;
  bool matched = false;
  bool all_clean = true;
  for (const auto& o : outcomes) {
    any_problem = any_problem || o.status == verdict::Status::build_failed ||
                  o.status == verdict::Status::timed_out || o.status == verdict::Status::failed;
    all_clean = all_clean && o.status == verdict::Status::clean;
    matched = matched || (o.status == verdict::Status::detected && o.kind == expect);
  }
  const bool pass = expect.empty() ? !any_problem : (expect == "clean" ? all_clean : matched);

  Table table({"tool", "outcome", "reported in", "kind", "where (your code)", "headline / detail"});
  Json list = Json::array();
  for (const auto& o : outcomes) {
    const std::string tool(verdict::to_string(o.checker));
    table.add({tool, std::string(verdict::to_string(o.status)),
               std::to_string(o.detections) + "/" + std::to_string(o.runs) + " runs",
               o.kind.empty() ? "-" : o.kind, o.user_frame.empty() ? "-" : o.user_frame,
               o.headline.empty() ? o.detail : o.headline});
    list.push(Json::object()
                  .set("tool", tool)
                  .set("outcome", verdict::to_string(o.status))
                  .set("runs", o.runs)
                  .set("detections", o.detections)
                  .set("kind", o.kind)
                  .set("headline", o.headline)
                  .set("user_frame", o.user_frame)
                  .set("detail", o.detail));
  }
  if (parse_format(format) == Format::json) {
    Json::object()
        .set("files",
             [&] {
               Json a = Json::array();
               for (const auto& f : files) a.push(f);
               return a;
             }())
        .set("expect", expect.empty() ? Json(nullptr) : Json(expect))
        .set("pass", pass)
        .set("tools", std::move(list))
        .write(std::cout);
    std::cout << "\n";
  } else {
    table.render(std::cout, parse_format(format));
    if (!expect.empty()) {
      std::cout << (pass ? "PASS" : "FAIL") << ": expected " << expect << "\n";
    }
  }
  return pass ? 0 : 1;
}

}  // namespace safelab::cli
