// safelab check FILE...: the sanitizer suite on a program that is not in the
// catalog. Builds it once per checker, runs it (TSan and helgrind several
// times), and prints which checker reported what, with the top frame in the
// user's own files.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include <algorithm>
#include <cctype>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "check_suite.h"
#include "commands.h"
#include "output.h"
#include "verdict/standalone.h"
#include "verdict/suite.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Tool;

std::vector<std::string> checker_names() {
  std::vector<std::string> names;
  for (Tool c : verdict::kCheckTools) names.emplace_back(verdict::to_string(c));
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
    j["advisory"] = o.advisory.empty() ? Json(nullptr) : Json(o.advisory);
    // Added after the original keys: every kind seen, and each build's share.
    j["kinds"] = o.kinds;
    Json builds = Json::array();
    for (const auto& b : o.builds) {
      Json jb;
      jb["opt_level"] = b.opt_level;
      jb["outcome"] = verdict::to_string(b.status);
      jb["runs"] = b.runs;
      jb["detections"] = b.detections;
      jb["kinds"] = b.kinds;
      builds.push_back(std::move(jb));
    }
    j["builds"] = std::move(builds);
    tools.push_back(std::move(j));
  }
  Json doc;
  doc["files"] = c.files;
  doc["expect"] = c.expect.empty() ? Json(nullptr) : Json(c.expect);
  doc["pass"] = c.pass;
  doc["tools"] = std::move(tools);
  return doc;
}

// "1/2 runs (-O0 only)": which build saw it, when not every build did.
std::string reported_in(const verdict::CheckerOutcome& o) {
  if (o.status == verdict::Status::not_applicable) return "-";
  std::string text = absl::StrFormat("%d/%d runs", o.detections, o.runs);
  std::vector<std::string> saw;
  for (const auto& b : o.builds) {
    if (b.detections > 0) saw.push_back(b.opt_level);
  }
  if (!saw.empty() && saw.size() < o.builds.size()) {
    text += " (" + absl::StrJoin(saw, ",") + " only)";
  }
  return text;
}

// Which checkers saw `kind`, and in how many runs: "memcheck (2/2 runs),
// lsan (5/6 runs)", so a verdict says which tool decided it, and whether
// that tool saw it every time.
std::string decided_by(const std::vector<verdict::CheckerOutcome>& outcomes,
                       const std::string& kind) {
  std::vector<std::string> by;
  for (const auto& o : outcomes) {
    if (!verdict::counts_as_found(o.status)) continue;
    if (std::find(o.kinds.begin(), o.kinds.end(), kind) == o.kinds.end()) continue;
    by.push_back(absl::StrFormat("%s (%d/%d runs%s)", verdict::to_string(o.checker), o.detections,
                                 o.runs,
                                 o.status == verdict::Status::advisory ? ", advisory" : ""));
  }
  return absl::StrJoin(by, ", ");
}

Table to_table(const Checked& c) {
  Table table({"tool", "outcome", "reported in", "kind", "where (your code)", "headline / detail"});
  for (const auto& o : c.outcomes) {
    table.add({std::string(verdict::to_string(o.checker)),
               std::string(verdict::to_string(o.status)), reported_in(o),
               o.kinds.empty() ? "-" : absl::StrJoin(o.kinds, ", "),
               o.user_frame.empty() ? "-" : o.user_frame,
               o.status == verdict::Status::advisory ? o.advisory
               : o.headline.empty()                  ? o.detail
                                                     : o.headline});
  }
  return table;
}

struct Options {
  std::vector<std::string> files;
  std::vector<std::string> includes;
  std::vector<std::string> defines;
  std::vector<std::string> program_args;
  std::vector<std::string> passed_args;  // after `--`
  std::vector<std::string> cflags;
  std::vector<std::string> ldflags;
  std::vector<std::string> libs;
  std::string std;
  std::string opt;
  std::string stdin_file;
  bool kinds = false;
  bool openmp = false;
  std::string suite;
  std::int64_t jobs = 1;
  std::string json_file;
  std::string junit_file;
  std::string expect;
  std::string tools = "asan,ubsan,lsan,tsan,memcheck,helgrind";
  Format format = Format::table;
  std::int64_t runs = 3;
  std::int64_t timeout = 60;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// `--expect` in its canonical spelling ("clean", or a kind as the tools
// report it), or empty if no tool reports such a kind.
std::string canonical_expect(const std::string& expect) {
  if (lower(expect) == "clean") return "clean";
  return verdict::canonical_kind(expect);
}

int print_kinds() {
  for (Tool t : verdict::kCheckTools) {
    std::vector<std::string> kinds;
    for (std::string_view k : verdict::known_kinds(t)) kinds.emplace_back(k);
    std::cout << verdict::to_string(t) << ": " << absl::StrJoin(kinds, "; ") << "\n";
  }
  std::cout << "clean: every checker ran clean\n";
  return 0;
}

// "-O2", "2", "s" -> "-O2", "-Os"; empty if not a level.
std::string opt_flag(std::string level) {
  if (level.starts_with("-O")) level = level.substr(2);
  for (const char* ok : {"0", "1", "2", "3", "s", "z", "g", "fast"}) {
    if (level == ok) return "-O" + level;
  }
  return {};
}

int run_check(const Options& opts, const std::string& command) {
  if (opts.kinds) return print_kinds();
  const bool suite = !opts.suite.empty();
  if (suite && !opts.files.empty()) {
    return usage_error("safelab check: give FILE... or --suite DIR, not both", command);
  }
  if (suite && !opts.expect.empty()) {
    return usage_error(
        "safelab check: --expect is for FILE...; a suite's programs say what they "
        "expect on their first line",
        command);
  }
  if (!suite && opts.files.empty()) {
    return usage_error("safelab check: FILE... (or --suite DIR) is required", command);
  }
  const std::string expect = opts.expect.empty() ? "" : canonical_expect(opts.expect);
  if (!opts.expect.empty() && expect.empty()) {
    return usage_error("safelab check: unknown kind '" + opts.expect +
                           "' for --expect; `safelab check --kinds` lists them by tool, or "
                           "'clean'",
                       command);
  }
  std::vector<Tool> checkers;
  const std::vector<std::string> names = absl::StrSplit(opts.tools, ',', absl::SkipEmpty());
  for (const std::string& name : names) {
    const auto c = verdict::parse_tool(name);
    if (!c || !verdict::is_check_tool(*c)) {
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
  program.args.insert(program.args.end(), opts.passed_args.begin(), opts.passed_args.end());
  for (const std::string& f : opts.cflags) {
    const std::vector<std::string> words = absl::StrSplit(f, ' ', absl::SkipWhitespace());
    program.cflags.insert(program.cflags.end(), words.begin(), words.end());
  }
  for (const std::string& f : opts.ldflags) {
    const std::vector<std::string> words = absl::StrSplit(f, ' ', absl::SkipWhitespace());
    program.ldflags.insert(program.ldflags.end(), words.begin(), words.end());
  }
  for (const std::string& l : opts.libs) program.ldflags.push_back("-l" + l);
  program.std = opts.std;
  if (!opts.opt.empty()) {
    program.opt_level = opt_flag(opts.opt);
    if (program.opt_level.empty()) {
      return usage_error("safelab check: -O " + opts.opt + " is not 0, 1, 2, 3, s, z, g or fast",
                         command);
    }
  }
  if (!opts.stdin_file.empty()) {
    if (!fs::is_regular_file(opts.stdin_file)) {
      return usage_error("safelab check: no such file '" + opts.stdin_file + "' for --stdin",
                         command);
    }
    program.stdin_file = fs::absolute(opts.stdin_file);
  }
  program.openmp = opts.openmp || verdict::uses_openmp(program.sources);
  program.work_dir = fs::temp_directory_path() / ("safelab-check-" + std::to_string(getpid()));

  verdict::CheckOptions options;
  options.checkers = checkers;
  options.runs = static_cast<int>(opts.runs);
  options.timeout = std::chrono::seconds(opts.timeout);
  if (suite) {
    SuiteOptions s{opts.suite, static_cast<int>(opts.jobs), opts.json_file, opts.junit_file,
                   opts.format};
    return run_suite(s, program, options, command);
  }

  Checked checked{opts.files, expect, false, {}};
  for (Tool c : checkers) {
    show_status("check: building and running under " + std::string(verdict::to_string(c)));
    checked.outcomes.push_back(verdict::check_with(program, c, options));
  }
  clear_status();
  std::error_code ignored;
  fs::remove_all(program.work_dir, ignored);

  // The outcome against --expect. Without it, the program must run clean:
  // a checker's report is a defect (exit 1) like a crash or a timeout.
  bool matched = false;
  bool all_clean = true;
  for (const auto& o : checked.outcomes) {
    all_clean = all_clean && verdict::counts_as_clean(o.status);
    matched = matched || (verdict::counts_as_found(o.status) &&
                          std::find(o.kinds.begin(), o.kinds.end(), expect) != o.kinds.end());
  }
  checked.pass = (expect.empty() || expect == "clean") ? all_clean : matched;

  render(std::cout, opts.format, checked);
  if (opts.format != Format::json && !expect.empty()) {
    std::cout << (checked.pass ? "PASS" : "FAIL") << ": expected " << expect;
    const std::string by = decided_by(checked.outcomes, expect);
    if (!by.empty()) std::cout << "; reported by " << by;
    std::cout << "\n";
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
      "The memory checkers (asan, lsan, memcheck) build it twice, at -O1 and at -O0, because "
      "the optimiser deletes defects they would see; the table says when only one build saw "
      "it. -O LEVEL builds at that level only. C is built with the compiler's default GNU "
      "dialect and linked with libm; C++ as gnu++20; --std, --cflags, --ldflags and -l change "
      "that. The program reads --stdin FILE (else /dev/null) and gets the words after `--` as "
      "its arguments. A run is killed after --timeout seconds of wall-clock time, whatever "
      "the program does with its output, and so is every process it started, detached or "
      "orphaned. ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS and TSAN_OPTIONS in your "
      "environment are appended to safelab's (yours win). With --expect, KIND (any case; "
      "`safelab check --kinds` lists them by tool) must be reported by some checker; 'clean' "
      "means every checker ran clean. Exit status: 0 the outcome was as expected (without "
      "--expect: every checker ran clean); 1 a defect or a mismatch (without --expect, any "
      "checker's report, a crash, a build failure or a timeout); 2 bad usage. OpenMP (a "
      "`#pragma omp` or <omp.h> in a file, or --openmp): built with -fopenmp and run with "
      "OMP_NUM_THREADS=4 (unless set); tsan runs with LLVM's Archer "
      "(OMP_TOOL_LIBRARIES=libarcher.so, ignore_noninstrumented_modules=1), which knows "
      "OpenMP's synchronisation; helgrind does not, and is shown as n/a. Helgrind's reports "
      "are advisory (shown, never a failure of 'clean') where it cannot know: a race in a "
      "program using atomics, a lock order inside std::lock/std::scoped_lock. Leaks: memcheck "
      "decides; lsan runs --runs times. Opt-in checkers (--tools): intsan builds with UBSan's "
      "unsigned-integer-overflow and implicit-conversion checks (defined behaviour, often "
      "a bug, sometimes meant); clang-analyzer (clang --analyze) and gcc-analyzer (gcc "
      "-fanalyzer) read the program without running it, so they see paths no run takes, and "
      "may warn about a path that cannot happen; their kinds use the run-time tools' names "
      "where the defect is the same. --suite DIR checks every program in DIR whose first "
      "line is `// expect: clean` or `// expect: KIND [(TOOL)] [in FUNCTION][; ...]` (optional "
      "`// args:`, `// stdin:`, `// tools:` lines follow), -j N at a time, prints found / "
      "missed / false report per program and checker, and writes --json FILE and --junit "
      "FILE; see README \"Suites\".");
  app->add_option("files", opts->files, "FILE..., the program's .c/.cpp files");
  app->add_flag("--kinds", opts->kinds, "list the kinds each checker reports, and exit");
  app->add_option("--expect", opts->expect, "KIND|clean, the outcome that must be seen");
  app->add_option("--tools", opts->tools,
                  "comma-separated checkers (default: the six run-time ones; opt-in: intsan, "
                  "clang-analyzer, gcc-analyzer)");
  app->add_option("--runs", opts->runs,
                  "runs for the checkers whose verdict can vary from run to run: tsan, helgrind "
                  "and lsan (default 3)")
      ->check(between(1, 100));
  app->add_option("--timeout", opts->timeout,
                  "seconds of wall-clock time before a run and its processes are killed "
                  "(default 60)")
      ->check(between(1, 3600));
  app->add_option("--include", opts->includes, "DIR, an include directory (repeatable)")
      ->allow_extra_args(false);
  app->add_option("--define", opts->defines, "NAME[=V], a preprocessor definition (repeatable)")
      ->allow_extra_args(false);
  app->add_option("--cflags", opts->cflags, "FLAGS, added to every compile (repeatable)")
      ->allow_extra_args(false);
  app->add_option("--ldflags", opts->ldflags, "FLAGS, added to every link (repeatable)")
      ->allow_extra_args(false);
  app->add_option("-l", opts->libs, "LIB, a library to link (repeatable)")->allow_extra_args(false);
  app->add_option("--std", opts->std, "STD, the language standard (c99, gnu17, c++17...)");
  app->add_option("-O", opts->opt, "LEVEL, build at this level only (0, 1, 2, 3, s, g)");
  app->add_option("--suite", opts->suite,
                  "DIR, check every program in DIR whose first line is `// expect: ...`");
  app->add_option("-j,--jobs", opts->jobs, "N, programs checked at once with --suite (default 1)")
      ->check(between(1, 64));
  app->add_option("--json", opts->json_file, "FILE, with --suite: write the results as JSON");
  app->add_option("--junit", opts->junit_file, "FILE, with --suite: write JUnit XML for CI");
  app->add_flag("--openmp", opts->openmp,
                "build with -fopenmp (the default when a file has `#pragma omp` or <omp.h>)");
  app->add_option("--stdin", opts->stdin_file, "FILE, the program's standard input");
  app->add_option("--arg", opts->program_args,
                  "WORD, an argument for the program (repeatable; or `-- ARGS...`)")
      ->allow_extra_args(false);
  add_format_option(app, &opts->format);
  commands.pass_through(app, &opts->passed_args);
  commands.add(app, [opts, app] { return run_check(*opts, command_path(app)); });
}

}  // namespace safelab::cli
