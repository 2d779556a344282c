#include "standalone.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "process.h"
#include "static_analysis.h"

namespace safelab::verdict {

bool is_cxx(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".C";
}

std::string first_error_line(const std::string& text) {
  std::size_t pos = std::string::npos;
  for (const char* marker : {"multiple definition", "undefined reference", "error:"}) {
    pos = std::min(pos, text.find(marker));
  }
  if (pos == std::string::npos) pos = 0;
  const std::size_t start = text.rfind('\n', pos);
  const std::size_t from = start == std::string::npos ? 0 : start + 1;
  return text.substr(from, text.find('\n', from) - from);
}

namespace {

// The last `n` non-empty lines of what the program printed on stderr, joined
// with " | ": an assert's message, the program's own complaint.
std::string stderr_tail(const std::string& err, int n) {
  std::vector<std::string> lines;
  std::size_t end = err.size();
  while (end > 0 && static_cast<int>(lines.size()) < n) {
    const std::size_t nl = err.rfind('\n', end - 1);
    const std::size_t from = nl == std::string::npos ? 0 : nl + 1;
    if (end > from) lines.insert(lines.begin(), err.substr(from, end - from));
    if (nl == std::string::npos) break;
    end = nl;
  }
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : " | ") + l;
  return out;
}

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::clean: return "clean";
    case Status::detected: return "detected";
    case Status::build_failed: return "build failed";
    case Status::timed_out: return "timed out";
    case Status::failed: return "failed";
    case Status::not_applicable: return "n/a";
    case Status::advisory: return "advisory";
  }
  return "?";
}

std::string compiler_for(const std::vector<std::filesystem::path>& sources) {
  return std::any_of(sources.begin(), sources.end(), is_cxx) ? "clang++" : "clang";
}

namespace {

// The part of `location` from `src`'s file name on, or empty if it is not
// in that file: "dir/name:12", "name:12" (Valgrind prints the bare file
// name), or "dir/name" when the tool had no line information.
std::string in_source(const std::string& location, const std::filesystem::path& src) {
  const std::string name = src.filename().string();
  const auto at = location.find(name);
  if (at == std::string::npos) return {};
  const std::size_t after = at + name.size();
  if ((at == 0 || location[at - 1] == '/') &&
      (after == location.size() || location[after] == ':')) {
    return location.substr(at);
  }
  return {};
}

// Clang names an OpenMP region's body ".omp_outlined." (and
// ".omp_outlined._debug__", ".omp_task_entry."...): not a name the user wrote.
bool is_outlined(const std::string& function) { return function.starts_with(".omp_"); }

}  // namespace

std::string user_frame(const Report& report, const std::vector<std::filesystem::path>& sources) {
  const auto& frames = report.frames;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    for (const auto& src : sources) {
      std::string where = in_source(frames[i].location, src);
      if (where.empty()) continue;
      if (frames[i].function.empty()) return where;  // an analyzer's warning outside a function
      if (!is_outlined(frames[i].function)) {
        return short_function_name(frames[i].function, 60) + " at " + where;
      }
      // An OpenMP region: the line is the outlined body's, the name is the
      // function that holds the region (the next user frame not outlined).
      for (std::size_t j = i + 1; j < frames.size(); ++j) {
        if (frames[j].context || is_outlined(frames[j].function)) continue;
        for (const auto& holder : sources) {
          if (!in_source(frames[j].location, holder).empty()) {
            return short_function_name(frames[j].function, 40) + " (OpenMP region) at " + where;
          }
        }
      }
      return "OpenMP region at " + where;
    }
  }
  return {};
}

bool uses_openmp(const std::vector<std::filesystem::path>& sources) {
  static const std::regex omp(R"(^\s*#\s*(pragma\s+omp\b|include\s*<omp\.h>))");
  for (const auto& src : sources) {
    std::ifstream in(src);
    for (std::string line; std::getline(in, line);) {
      if (std::regex_search(line, omp)) return true;
    }
  }
  return false;
}

bool uses_atomics(const std::vector<std::filesystem::path>& sources) {
  static const std::regex atomics(
      R"((std::atomic|<atomic>|_Atomic|<stdatomic\.h>|__atomic_|__sync_|atomic_ref|atomic_flag))");
  for (const auto& src : sources) {
    std::ifstream in(src);
    for (std::string line; std::getline(in, line);) {
      if (std::regex_search(line, atomics)) return true;
    }
  }
  return false;
}

std::string archer_path() {
  for (const char* path :
       {"/usr/lib/llvm-14/lib/libarcher.so", "/usr/lib/x86_64-linux-gnu/libarcher.so"}) {
    if (std::filesystem::exists(path)) return path;
  }
  return {};
}

std::vector<std::string> openmp_environment(Tool checker) {
  std::vector<std::string> env;
  // Several threads per region even on 2 cores, unless the user chose.
  if (std::getenv("OMP_NUM_THREADS") == nullptr) env.emplace_back("OMP_NUM_THREADS=4");
  if (checker == Tool::tsan) {
    env.push_back("OMP_TOOL_LIBRARIES=" + archer_path());
  }
  return env;
}

std::vector<std::string> build_levels(Tool checker, const ProgramSpec& program) {
  if (is_static_analyzer(checker)) return {"analysis"};  // one reading, no build
  if (!program.opt_level.empty()) return {program.opt_level};
  if (checker == Tool::asan || checker == Tool::lsan || checker == Tool::memcheck) {
    return {"-O1", "-O0"};
  }
  return {"-O1"};
}

namespace {

// The language, preprocessor and user flags every build and analysis of the
// program shares. C: the compiler's own default (gnu17), which builds alloca
// and POSIX declarations that strict -std=c11 hides. C++: C++20 with GNU
// extensions.
std::vector<std::string> language_flags(const ProgramSpec& program) {
  std::vector<std::string> flags;
  if (!program.std.empty()) {
    flags.push_back("-std=" + program.std);
  } else if (compiler_for(program.sources) == "clang++") {
    flags.emplace_back("-std=gnu++20");
  }
  flags.emplace_back("-pthread");
  for (const auto& dir : program.include_dirs) flags.push_back("-I" + dir);
  for (const auto& def : program.defines) flags.push_back("-D" + def);
  if (program.openmp) flags.emplace_back("-fopenmp");
  flags.insert(flags.end(), program.cflags.begin(), program.cflags.end());
  return flags;
}

}  // namespace

std::vector<std::string> build_command(const ProgramSpec& program, Tool checker,
                                       const std::string& opt_level) {
  const bool cxx = compiler_for(program.sources) == "clang++";
  std::vector<std::string> cmd = {compiler_for(program.sources)};
  const auto flags = compile_flags(checker, opt_level);
  cmd.insert(cmd.end(), flags.begin(), flags.end());
  const auto language = language_flags(program);
  cmd.insert(cmd.end(), language.begin(), language.end());
  for (const auto& src : program.sources) cmd.push_back(src.string());
  cmd.insert(cmd.end(), program.ldflags.begin(), program.ldflags.end());
  if (!cxx) cmd.emplace_back("-lm");  // as a C programmer's cc does; libstdc++ brings it for C++
  return cmd;
}

std::vector<std::string> analysis_command(const ProgramSpec& program, Tool analyzer,
                                          const std::filesystem::path& source) {
  // The driver of the program's build (a mixed program is built as C++), so
  // the analyzer reads each file as the build compiles it.
  std::vector<std::string> cmd =
      analyzer_command(analyzer, compiler_for(program.sources) == "clang++");
  const auto language = language_flags(program);
  cmd.insert(cmd.end(), language.begin(), language.end());
  cmd.push_back(source.string());
  return cmd;
}

namespace {

// The run's environment: the checker's options (merged with the user's),
// and for OpenMP the thread count and, under TSan, Archer and an option
// that keeps TSan out of the uninstrumented OpenMP runtime.
std::vector<std::string> environment(Tool checker, const ProgramSpec& program) {
  std::vector<std::string> env = own_run_environment(checker);
  if (program.openmp && checker == Tool::tsan) {
    for (std::string& kv : env) {
      if (kv.starts_with("TSAN_OPTIONS=")) kv += ":ignore_noninstrumented_modules=1";
    }
  }
  for (std::string& kv : env) kv = merge_sanitizer_options(kv);
  if (program.openmp) {
    const auto omp = openmp_environment(checker);
    env.insert(env.end(), omp.begin(), omp.end());
  }
  return env;
}

// True if a frame of the bug is in std::lock, std::try_lock or std::scoped_lock.
bool in_std_lock(const Report& report) {
  return std::any_of(report.frames.begin(), report.frames.end(), [](const Frame& f) {
    return !f.context && (f.function.find("std::lock<") != std::string::npos ||
                          f.function.find("std::try_lock<") != std::string::npos ||
                          f.function.starts_with("scoped_lock"));
  });
}

// Why a report of `checker` is advisory (of a class the checker is known to
// report on correct programs), or empty if it gates.
std::string advisory_reason(Tool checker, const Report& report, bool atomics) {
  if (checker == Tool::memcheck && report.kind == "possibly lost") {
    return "advisory: memcheck's \"possibly lost\" means only a pointer into the middle of the "
           "block was found, which correct code also leaves; \"definitely lost\" decides";
  }
  if (checker != Tool::helgrind) return {};
  if (report.kind == "lock-order-inversion" && in_std_lock(report)) {
    return "advisory: helgrind's lock order is taken in std::lock/std::scoped_lock, which try "
           "and back off rather than wait, so it cannot deadlock; tsan decides";
  }
  if (report.kind == "data race" && atomics) {
    return "advisory: the program uses atomics, which helgrind does not model (it knows "
           "pthread locks only), so a release/acquire hand-off looks racy to it; tsan decides";
  }
  return {};
}

// Why `checker` cannot judge `program`, or empty if it can.
std::string not_applicable_reason(Tool checker, const ProgramSpec& program) {
  if (!program.openmp) return {};
  if (checker == Tool::helgrind) {
    return "helgrind does not understand OpenMP's runtime (libomp's futexes and spin-waits), so "
           "it would report a race in every parallel region; tsan with Archer checks OpenMP";
  }
  if (checker == Tool::tsan && archer_path().empty()) {
    return "tsan needs LLVM's Archer (libarcher.so, Debian package libomp-14-dev: tools/setup) "
           "to understand OpenMP; without it every parallel region looks racy";
  }
  return {};
}

// Adds one report of a checker (advisory if `why` says so) to the build's
// kinds, to the checker's distinct reports, and as the checker's first
// report if it is the first, or the first gating one.
void note_report(const Report& rep, const std::string& why, const ProgramSpec& program,
                 const std::string& detail, BuildOutcome& out, CheckerOutcome& first,
                 bool& first_gating) {
  if (!why.empty() && out.advisory.empty()) out.advisory = why;
  if (std::find(out.kinds.begin(), out.kinds.end(), rep.kind) == out.kinds.end()) {
    out.kinds.push_back(rep.kind);
  }
  // Kept for the suite, which asks which functions a report names: the
  // same kind may name a function in one build and not in the other
  // (inlined at -O1), so each distinct headline and top frame, up to a bound.
  const bool known = std::any_of(first.reports.begin(), first.reports.end(), [&](const Report& k) {
    return k.kind == rep.kind && k.headline == rep.headline &&
           (k.frames.empty()
                ? rep.frames.empty()
                : !rep.frames.empty() && k.frames[0].function == rep.frames[0].function);
  });
  if (!known && first.reports.size() < 32) first.reports.push_back(rep);
  if (first.kind.empty() || (why.empty() && !first_gating)) {
    first.kind = rep.kind;
    first.headline = rep.headline;
    first.user_frame = user_frame(rep, program.sources);
    first.detail = detail;
    first_gating = why.empty();
  }
}

// A static analyzer reads each source file once: one "run", whose reports
// are its warnings. A file it cannot compile is a build failure, as for the
// run-time checkers.
BuildOutcome analyse(const ProgramSpec& program, Tool analyzer, CheckerOutcome& first,
                     bool& first_gating) {
  BuildOutcome out;
  out.opt_level = "analysis";
  out.runs = 1;
  bool gating = false;
  for (const auto& src : program.sources) {
    // LC_ALL=C: GCC quotes names in "In function" lines with ASCII quotes.
    const ProcessResult r = run_process(analysis_command(program, analyzer, src), {"LC_ALL=C"},
                                        std::chrono::seconds(300));
    if (!r.launched || r.exit_code != 0) {
      out.status = Status::build_failed;
      out.detail = r.launched ? first_error_line(r.err) : describe(r);
      return out;
    }
    const bool cxx = compiler_for(program.sources) == "clang++";
    for (const Report& rep : parse_analyzer_reports(r.err, analyzer)) {
      const std::string why = analyzer_advisory(rep, cxx);
      gating = gating || why.empty();
      note_report(rep, why, program, "warning of " + std::string(to_string(analyzer)), out, first,
                  first_gating);
    }
  }
  if (!out.kinds.empty()) {
    out.detections = 1;
    out.gating_detections = gating ? 1 : 0;
    out.status = gating ? Status::detected : Status::advisory;
  }
  return out;
}

BuildOutcome check_build(const ProgramSpec& program, Tool checker, const std::string& level,
                         const CheckOptions& options, CheckerOutcome& first, bool& first_gating) {
  const bool atomics = uses_atomics(program.sources);
  BuildOutcome out;
  out.opt_level = level;
  const std::filesystem::path binary =
      program.work_dir / ("prog-" + std::string(to_string(checker)) + level);
  std::vector<std::string> cmd = build_command(program, checker, level);
  cmd.insert(cmd.end(), {"-o", binary.string()});
  const ProcessResult build = run_process(cmd, {}, std::chrono::seconds(300));
  if (!build.launched || build.exit_code != 0) {
    out.status = Status::build_failed;
    out.detail = build.launched ? first_error_line(build.err) : describe(build);
    return out;
  }

  // Run: timing-dependent checkers several times, and LSan too: its
  // conservative scan may find a stale copy of a leaked pointer (in a
  // register or a dead stack slot) and miss the leak in some runs. The
  // others are deterministic: once.
  const int runs = (checker == Tool::tsan || checker == Tool::helgrind || checker == Tool::lsan)
                       ? options.runs
                       : 1;
  std::vector<std::string> run = run_prefix(checker);
  run.push_back(binary.string());
  run.insert(run.end(), program.args.begin(), program.args.end());
  const std::vector<std::string> env = environment(checker, program);
  for (int i = 0; i < runs; ++i) {
    const ProcessResult r = run_process(run, env, options.timeout, program.stdin_file.string());
    ++out.runs;
    if (!r.launched) {
      out.status = Status::failed;
      out.detail = describe(r);
      return out;
    }
    if (r.timed_out) {
      out.status = Status::timed_out;
      out.detail = describe(r);
      return out;
    }
    bool reported = false;
    bool gating = false;
    for (const Report& rep : parse_reports(r.err)) {
      if (rep.tool != report_tool_name(checker)) continue;
      const std::string why = advisory_reason(checker, rep, atomics);
      reported = true;
      gating = gating || why.empty();
      note_report(rep, why, program, describe(r) + " (" + level + " build)", out, first,
                  first_gating);
    }
    if (reported) {
      ++out.detections;
      if (gating) ++out.gating_detections;
    } else if (r.exit_code != 0 || r.signal != 0) {
      // Died without a report this checker recognises: say so, do not call it clean.
      if (out.detections == 0 && out.status != Status::failed) {
        out.status = Status::failed;
        out.detail = "no report, but the program ended with " + describe(r);
        const std::string tail = stderr_tail(r.err, 2);
        if (!tail.empty()) out.detail += "; its stderr ended: " + tail;
      }
    }
  }
  if (out.gating_detections > 0) {
    out.status = Status::detected;
  } else if (out.detections > 0) {
    out.status = Status::advisory;
  }
  return out;
}

}  // namespace

CheckerOutcome check_with(const ProgramSpec& program, Tool checker, const CheckOptions& options) {
  CheckerOutcome out;
  out.checker = checker;
  out.detail = not_applicable_reason(checker, program);
  if (!out.detail.empty()) {
    out.status = Status::not_applicable;
    return out;
  }
  std::filesystem::create_directories(program.work_dir);
  bool first_gating = false;
  for (const std::string& level : build_levels(checker, program)) {
    BuildOutcome b = is_static_analyzer(checker)
                         ? analyse(program, checker, out, first_gating)
                         : check_build(program, checker, level, options, out, first_gating);
    out.runs += b.runs;
    out.detections += b.detections;
    if (out.advisory.empty()) out.advisory = b.advisory;
    for (const std::string& k : b.kinds) {
      if (std::find(out.kinds.begin(), out.kinds.end(), k) == out.kinds.end()) {
        out.kinds.push_back(k);
      }
    }
    // Detected wins, then advisory; otherwise the first build's trouble.
    const auto rank = [](Status st) {
      return st == Status::detected ? 2 : st == Status::advisory ? 1 : 0;
    };
    if (rank(b.status) > rank(out.status) ||
        (out.status == Status::clean && b.status != Status::clean)) {
      out.status = b.status;
      if (rank(b.status) == 0) out.detail = b.detail;
    }
    const bool build_failed = b.status == Status::build_failed;
    out.builds.push_back(std::move(b));
    if (build_failed) break;  // the other level fails alike
  }
  return out;
}

}  // namespace safelab::verdict
