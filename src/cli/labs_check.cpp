#include "labs_check.h"

#include <condition_variable>
#include <csignal>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "labs_hang.h"
#include "verdict/report.h"
#include "verdict/verdict.h"

namespace safelab::cli::labs {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// "/long/path/to/count_errors.cpp:19:5" -> "count_errors.cpp:19:5"
std::string basename_of(std::string_view location) {
  const std::size_t slash = location.rfind('/');
  return std::string(slash == std::string_view::npos ? location : location.substr(slash + 1));
}

// The first GoogleTest failure: "file.cpp:42: Failure" and the message under it.
std::string first_test_failure(const std::string& out) {
  const std::vector<std::string> lines = lines_of(out);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].ends_with(": Failure")) continue;
    std::string text = basename_of(lines[i].substr(0, lines[i].size() - 9)) + ":";
    for (std::size_t j = i + 1; j < lines.size() && j <= i + 5; ++j) {
      if (lines[j].empty() || lines[j].starts_with("[") || lines[j].ends_with(": Failure")) break;
      text += " " + lines[j];
    }
    return text;
  }
  return {};
}

std::vector<std::string> failed_tests(const std::string& out) {
  std::vector<std::string> names;
  for (const std::string& line : lines_of(out)) {
    if (!line.starts_with("[  FAILED  ] ") || contains(line, " listed below:")) continue;
    std::string name = line.substr(13);
    name = name.substr(0, name.find(' '));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

std::string short_function(std::string fn);

// The frame to point the learner at: the first in the exercise file, else
// the first frame of the report.
std::string where_in(const verdict::Report& r, const Lab& lab) {
  const verdict::Frame* pick = nullptr;
  for (const verdict::Frame& f : r.frames) {
    if (contains(f.location, lab.exercise)) {
      pick = &f;
      break;
    }
  }
  if (pick == nullptr && !r.frames.empty()) pick = &r.frames.front();
  if (pick == nullptr) return {};
  const std::string fn = short_function(pick->function);
  return " [in " + fn + (pick->location.empty() ? "" : " at " + basename_of(pick->location)) + "]";
}

std::map<std::string, std::string> read_cache(const fs::path& cache) {
  std::map<std::string, std::string> out;
  std::ifstream in(cache);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '/') continue;
    const std::size_t colon = line.find(':');
    const std::size_t eq = line.find('=');
    if (colon == std::string::npos || eq == std::string::npos || colon > eq) continue;
    out[line.substr(0, colon)] = line.substr(eq + 1);
  }
  return out;
}

std::string preset_of(const std::string& build) { return build; }

// "ThreadSanitizer found a data race", "LeakSanitizer detected memory leaks".
std::string found(const verdict::Report& r) {
  if (r.kind.starts_with("detected ")) return r.tool + " " + r.kind;
  const bool vowel =
      !r.kind.empty() && std::string_view("aeiou").find(r.kind[0]) != std::string_view::npos;
  return r.tool + (vowel ? " found an " : " found a ") + r.kind;
}

// "lab01::count_errors(std::span<...>, int)::$_0::operator()() const" ->
// "lab01::count_errors(...)": the function, not its signature.
std::string short_function(std::string fn) {
  int depth = 0;
  for (std::size_t i = 0; i < fn.size(); ++i) {
    if (fn[i] == '<') ++depth;
    if (fn[i] == '>') --depth;
    if (fn[i] == '(' && depth == 0 && i > 0) return fn.substr(0, i) + "(...)";
  }
  return fn;
}

struct RawFrame {
  std::string function;
  std::string location;  // "file.cpp:20:35" or ""
};

// "    #0 0x55d in ns::f(int) /p/f.cpp:9:3" (ASan) or
// "    #0 ns::f(int) /p/f.cpp:9:3 (bin+0x1a2b)" (TSan).
std::optional<RawFrame> parse_frame(const std::string& line) {
  static const std::regex frame(R"(^\s*#\d+\s+(?:0x[0-9a-f]+\s+in\s+)?(.*?)\s*$)");
  static const std::regex module(R"((\s*\((BuildId: [0-9a-f]+|[^()]*\+0x[0-9a-f]+)\))+$)");
  static const std::regex location(R"(^(.*)\s+(\S+:\d+(?::\d+)?)$)");
  std::smatch m;
  if (!std::regex_match(line, m, frame)) return std::nullopt;
  const std::string rest = std::regex_replace(m.str(1), module, "");
  RawFrame f;
  if (std::smatch l; std::regex_match(rest, l, location)) {
    f.function = l.str(1);
    f.location = basename_of(l.str(2));
  } else {
    f.function = rest;
  }
  return f;
}

}  // namespace

std::vector<std::string> short_report(const std::string& err, const Lab& lab) {
  std::vector<std::string> out;
  std::vector<std::string> own = lab.tests;
  own.push_back(lab.exercise);
  const auto is_own = [&](const RawFrame& f) {
    for (const std::string& file : own) {
      if (f.location.starts_with(file + ":")) return true;
    }
    return false;
  };
  bool in_report = false;
  std::string header;  // the current stack's header, "" if skipped
  bool shown = false;  // its frame was printed
  std::optional<RawFrame> first;
  const auto close = [&] {
    if (!header.empty() && !shown && first) {
      out.push_back(header);
      out.push_back("    " + (first->location.empty() ? "" : first->location + " in ") +
                    short_function(first->function));
    }
    header.clear();
    shown = false;
    first.reset();
  };
  for (const std::string& line : lines_of(err)) {
    if (contains(line, "runtime error:")) {  // UBSan: the line is the report
      out.push_back(verdict::normalise_line(line));
      in_report = true;
      continue;
    }
    if (contains(line, "WARNING: ThreadSanitizer:") || contains(line, "ERROR: AddressSanitizer:") ||
        contains(line, "ERROR: LeakSanitizer:")) {
      if (in_report && !out.empty()) break;  // the first report only
      in_report = true;
      // "==N==ERROR: AddressSanitizer: heap-use-after-free on address 0x...
      // at pc ..." -> "AddressSanitizer: heap-use-after-free".
      static const std::regex noise(R"(^.*?(ERROR|WARNING): | on address .*$)");
      out.push_back(std::regex_replace(verdict::normalise_line(line), noise, ""));
      continue;
    }
    if (!in_report) continue;
    if (line.starts_with("SUMMARY:") || line.starts_with("==================")) {
      if (!out.empty() && out.size() > 1) break;
      continue;
    }
    if (const auto f = parse_frame(line)) {
      if (header.empty() || shown) continue;
      if (!first) first = f;
      if (is_own(*f)) {
        out.push_back(header);
        out.push_back("    " + f->location + " in " + short_function(f->function));
        shown = true;
      }
      continue;
    }
    // A stack's header: keep the accesses, "freed by" and the leaks.
    close();
    const std::string h = verdict::normalise_line(line);
    const bool wanted = !h.empty() && !contains(h, "created") && !contains(h, "Location is") &&
                        !contains(h, "allocated by") && !contains(h, "located") &&
                        !contains(h, "Shadow") && !contains(h, "Hint:") &&
                        (h.ends_with(":") || contains(h, " of size ") || contains(h, "leak of"));
    if (wanted) {
      static const std::regex address(R"( at 0x[.0-9a-f]+)");
      header = "  " + std::regex_replace(h.substr(h.find_first_not_of(' ')), address, "");
    }
  }
  close();
  return out;
}

std::string running_test(const std::string& out) {
  std::string running;
  for (const std::string& line : lines_of(out)) {
    if (line.starts_with("[ RUN      ] ")) {
      running = line.substr(13);
    } else if (line.starts_with("[       OK ] ") || line.starts_with("[  FAILED  ] ") ||
               line.starts_with("[  SKIPPED ] ")) {
      running.clear();
    }
  }
  return running;
}

namespace {}  // namespace

std::vector<std::string> environment_for(const std::string& build) {
  if (const auto b = verdict::parse_build(build); b && build != "memcheck") {
    return verdict::sanitizer_environment(*b);
  }
  return {};
}

verdict::ProcessResult run_tests(const fs::path& binary, const std::string& build,
                                 std::chrono::seconds timeout) {
  // At the limit a watchdog takes every thread's stack (gdb) before it
  // kills the run: a hang then says where it waits. The runner's own limit
  // is only the backstop, should the watchdog find nothing to attach to.
  std::string stacks;
  bool killed = false;
  std::mutex mu;
  std::condition_variable_any cv;
  std::jthread watchdog([&](const std::stop_token& stop) {
    std::unique_lock lock(mu);
    if (cv.wait_for(lock, stop, timeout, [] { return false; }) || stop.stop_requested()) return;
    const pid_t pid = child_running(binary);
    if (pid <= 0) return;
    stacks = thread_stacks(pid);
    killed = true;
    kill(-pid, SIGKILL);  // its own process group (run_process), grandchildren too
    kill(pid, SIGKILL);
  });
  // Not --gtest_brief: the "[ RUN ]" lines say which test hung.
  verdict::ProcessResult r =
      verdict::run_process({binary.string(), "--gtest_also_run_disabled_tests"},
                           environment_for(build), timeout + std::chrono::seconds(30));
  watchdog.request_stop();
  watchdog.join();
  if (killed) {
    r.timed_out = true;
    if (!stacks.empty()) r.out += "\n" + std::string(kStacksMarker) + "\n" + stacks;
  }
  return r;
}

std::vector<std::string> hang_stacks(const verdict::ProcessResult& run, const Lab& lab) {
  const std::size_t at = run.out.find(kStacksMarker);
  if (at == std::string::npos) return {};
  return short_stacks(run.out.substr(at), lab);
}

Judgement judge_tests(const Lab& lab, const std::string& build, const verdict::ProcessResult& run) {
  Judgement j;
  const std::vector<verdict::Report> reports = verdict::parse_reports(run.err);
  const FailsAs& fa = lab.fails_as;

  // Failing as intended, decided as the verdict runner decides a catalog entry.
  if (fa.kind == "sanitizer" && fa.build == build) {
    j.intended = verdict::judge(
                     verdict::reported(verdict::parse_build(fa.build).value_or(verdict::Tool::asan),
                                       fa.report, fa.function),
                     run)
                     .pass;
  } else if (fa.kind == "wrong-result" && fa.build == build) {
    j.intended = run.launched && !run.timed_out && run.exit_code != 0 &&
                 (contains(run.out, fa.message) || contains(run.err, fa.message));
  }

  if (!run.launched) {
    j.summary = "the tests could not start: " + verdict::describe(run);
  } else if (const std::string problem = verdict::environment_problem(run.err); !problem.empty()) {
    j.summary = problem;
  } else if (run.timed_out) {
    const std::string test = running_test(run.out);
    j.summary = "the tests did not finish: " + verdict::describe(run) +
                (test.empty() ? std::string(" (a deadlock?)")
                              : " in " + test + " (a deadlock? a sender never dropped?)");
    j.report = hang_stacks(run, lab);
    if (j.report.empty() && run.out.find(kStacksMarker) == std::string::npos) {
      j.detail =
          "(no thread stacks: install gdb, and allow ptrace, to see where each thread waits)";
    } else if (!j.report.empty()) {
      j.report.insert(j.report.begin(), "where each thread of the lab was (gdb):");
    }
  } else if (!reports.empty()) {
    const verdict::Report& r = reports.front();
    j.summary = found(r) + where_in(r, lab);
    j.detail = r.headline;
    j.report = short_report(run.err, lab);
  } else if (run.exit_code == 0 && run.signal == 0) {
    j.pass = true;
    j.summary = build == "default" ? "all tests passed"
                                   : "all tests passed and " + build + " reported nothing";
  } else if (const auto failed = failed_tests(run.out); !failed.empty()) {
    j.summary = std::to_string(failed.size()) + " test" + (failed.size() > 1 ? "s" : "") +
                " failed: " + failed.front() + (failed.size() > 1 ? ", ..." : "");
    j.detail = first_test_failure(run.out);
  } else {
    j.summary = "the tests crashed: " + verdict::describe(run);
    const std::vector<std::string> lines = lines_of(run.err);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (contains(lines[i], "panic") || contains(lines[i], "terminate") ||
          contains(lines[i], "Assertion")) {
        j.detail = lines[i];
        // A safelab panic says where on its next line ("  at f.cpp:9 in fn";
        // checked mode's "  created at f.cpp:14 in fn"): the line to look at.
        if (contains(lines[i], "safelab panic:") && i + 1 < lines.size() &&
            lines[i + 1].starts_with("  ")) {
          static const std::regex directories(R"(\S*/)");
          j.detail += "; " + std::regex_replace(lines[i + 1].substr(2), directories, "");
        }
        break;
      }
    }
  }
  return j;
}

std::string first_error_line(const std::string& output) {
  for (const std::string& line : lines_of(output)) {
    if (contains(line, "error:") || contains(line, "error: ")) {
      const std::size_t colon = line.find(':');
      // Drop the directory of "/path/to/file.cpp:12:3: error: ...".
      if (colon != std::string::npos && line.substr(0, colon).find('/') != std::string::npos) {
        return basename_of(line.substr(0, colon)) + line.substr(colon);
      }
      return line;
    }
  }
  for (const std::string& line : lines_of(output)) {
    if (line.starts_with("FAILED:") || contains(line, "Error")) return line;
  }
  return {};
}

LabBuild::LabBuild(std::string build, const fs::path& safelab_build, const fs::path& work,
                   const fs::path& labs_dir)
    : build_(std::move(build)),
      // Absolute: CMake resolves relative paths against the build directory.
      safelab_build_(fs::absolute(safelab_build)),
      work_(fs::absolute(work)),
      labs_dir_(fs::absolute(labs_dir)) {}

std::optional<std::string> LabBuild::prepare(std::ostream& progress) {
  const fs::path cache_file = safelab_build_ / "CMakeCache.txt";
  if (!fs::exists(cache_file)) {
    return "there is no " + build_ + " build of safelab at " + safelab_build_.string() +
           ". Build it first: `cmake --workflow --preset " + preset_of(build_) +
           "` (or pass --safelab-build DIR)";
  }
  auto cache = read_cache(cache_file);
  const std::string sanitizer = cache.count("SAFELAB_SANITIZER") ? cache["SAFELAB_SANITIZER"] : "";
  const std::string wanted = build_ == "default" ? "none" : build_;
  if (sanitizer != wanted) {
    return safelab_build_.string() + " is a '" + sanitizer + "' build, not the " + build_ +
           " build the lab needs (pass the right --safelab-build)";
  }

  const fs::path dir = work_ / build_;
  const fs::path prefix = dir / "prefix";
  const fs::path stamp = prefix / ".installed";
  const fs::path ninja_log = safelab_build_ / ".ninja_log";
  std::error_code ec;
  // The stamp is a fast path only: .ninja_log also changes when a build
  // touches nothing that is installed (a compile-fail test, say), so past it
  // `cmake --install` decides, copying only what changed (0.3 s when nothing
  // did), and the learner hears of it only when a file was installed.
  const bool fresh = fs::exists(stamp) && fs::exists(ninja_log) &&
                     fs::last_write_time(stamp, ec) >= fs::last_write_time(ninja_log, ec);
  if (!fresh) {
    const auto r = verdict::run_process(
        {"cmake", "--install", safelab_build_.string(), "--prefix", prefix.string()}, {}, 600s);
    if (r.exit_code != 0) {
      return "installing safelab from " + safelab_build_.string() + " failed (is it built? run " +
             "`cmake --build " + safelab_build_.string() + "`): " + first_error_line(r.out + r.err);
    }
    if (r.out.find("-- Installing: ") != std::string::npos) {
      progress << "  installed safelab (" << build_ << ") into " << prefix.string() << "\n"
               << std::flush;
    }
    std::ofstream(stamp) << "installed from " << safelab_build_.string() << "\n";
  }

  const fs::path bdir = dir / "build";
  auto lab_cache = read_cache(bdir / "CMakeCache.txt");
  if (!lab_cache.empty() && fs::path(lab_cache["CMAKE_HOME_DIRECTORY"]) != labs_dir_) {
    fs::remove_all(bdir, ec);  // configured for another labs directory
    lab_cache.clear();
  }
  if (lab_cache.empty()) {
    progress << "  configuring the labs (" << build_ << ") in " << bdir.string() << "\n"
             << std::flush;
    std::string prefix_path = prefix.string();
    if (build_ == "tsan" && !cache["SAFELAB_TSAN_DEPS_DIR"].empty()) {
      // The instrumented oneTBB and Abseil, before any system copy.
      prefix_path += ";" + cache["SAFELAB_TSAN_DEPS_DIR"] + "/prefix";
    }
    std::vector<std::string> cmd = {
        "cmake",
        "-S",
        labs_dir_.string(),
        "-B",
        bdir.string(),
        "-G",
        "Ninja",
        "-DCMAKE_PREFIX_PATH=" + prefix_path,
        "-DCMAKE_CXX_COMPILER=" + cache["CMAKE_CXX_COMPILER"],
        "-DCMAKE_BUILD_TYPE=" + cache["CMAKE_BUILD_TYPE"],
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=" + cache["CMAKE_CXX_FLAGS_RELWITHDEBINFO"],
        "-DSAFELAB_LAB_SANITIZER=" + wanted};
    if (!cache["CMAKE_CXX_COMPILER_LAUNCHER"].empty()) {
      cmd.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=" + cache["CMAKE_CXX_COMPILER_LAUNCHER"]);
    }
    const auto r = verdict::run_process(cmd, {}, 600s);
    if (r.exit_code != 0) {
      fs::remove(bdir / "CMakeCache.txt", ec);  // configure again next time
      // The first error says what is wrong; the whole output goes to a file
      // rather than the terminal, where it would bury that line.
      const fs::path log = dir / "configure.log";
      std::ofstream(log) << r.out << r.err;
      return "configuring the labs failed: " + first_error_line(r.out + r.err) +
             " (CMake's whole output: " + log.string() + ")";
    }
  }
  return std::nullopt;
}

LabBuild::Compile LabBuild::compile(const Lab& lab) { return build_targets({lab.target()}); }

LabBuild::Compile LabBuild::build_targets(const std::vector<std::string>& targets) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> cmd = {"cmake", "--build", (work_ / build_ / "build").string(),
                                  "--target"};
  cmd.insert(cmd.end(), targets.begin(), targets.end());
  const auto r = verdict::run_process(cmd, {}, 600s);
  Compile c;
  c.ok = r.exit_code == 0;
  c.output = r.out + r.err;
  if (!c.ok) c.first_error = first_error_line(c.output);
  c.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return c;
}

fs::path LabBuild::binary(const Lab& lab) const {
  return work_ / build_ / "build" / lab.dir / lab.target();
}

}  // namespace safelab::cli::labs
