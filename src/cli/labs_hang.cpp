#include "labs_hang.h"

#include <unistd.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "verdict/process.h"

namespace safelab::cli::labs {
namespace fs = std::filesystem;

namespace {

// gdb prints a frame's function without its parameter types (the values
// come after, in parentheses): only a lambda's long name needs cutting.
std::string shorten(const std::string& fn) {
  constexpr std::size_t kMax = 60;
  return fn.size() <= kMax ? fn : fn.substr(0, kMax - 3) + "...";
}

}  // namespace

pid_t child_running(const fs::path& binary) {
  std::error_code ec;
  const fs::path want = fs::weakly_canonical(binary, ec);
  for (const fs::directory_entry& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    // verdict::parent_of reads with read(): an ifstream throws when the
    // process exits mid-read (ESRCH), here on the watchdog thread.
    if (verdict::parent_of(std::stoi(name)) != getpid()) continue;
    if (fs::read_symlink(e.path() / "exe", ec) == want) return std::stoi(name);
  }
  return -1;
}

std::string thread_stacks(pid_t pid) {
  const verdict::ProcessResult r =
      verdict::run_process({"gdb", "-p", std::to_string(pid), "-batch", "-nx", "-ex",
                            "set pagination off", "-ex", "thread apply all bt"},
                           {}, std::chrono::seconds(15));
  if (!r.launched || r.out.find("\nThread ") == std::string::npos) return {};
  return r.out;
}

std::vector<std::string> short_stacks(const std::string& gdb_output, const Lab& lab) {
  // "Thread 2 (Thread 0x7f... (LWP 123) "lab_05"):" and
  // "#3  0x000055d in lab05::transfer (from=..., to=...) at /p/transfer.cpp:14"
  // (gdb prints the arguments with their values: they are dropped).
  static const std::regex thread(R"(^Thread (\d+) )");
  static const std::regex frame(R"(^#\d+\s+(?:0x[0-9a-f]+ in )?(.+?) \(.*\) at (\S+):(\d+)\s*$)");
  std::vector<std::string> lines;
  std::string current;
  std::vector<std::string> frames;
  std::string waits_in;  // the innermost standard-library frame above the lab's
  bool in_lab = false;
  const auto flush = [&] {
    if (!current.empty() && in_lab) {
      std::string line = "thread " + current + ": ";
      if (!waits_in.empty()) line += "in " + waits_in + " <- ";
      for (std::size_t i = 0; i < frames.size() && i < 3; ++i) {
        line += (i == 0 ? "" : " <- ") + frames[i];
      }
      lines.push_back(line);
    }
    frames.clear();
    waits_in.clear();
    in_lab = false;
  };
  std::istringstream in(gdb_output);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, thread)) {
      flush();
      current = m.str(1);
    } else if (!current.empty() && std::regex_match(line, m, frame)) {
      const std::string file = fs::path(m.str(2)).filename().string();
      const bool lab_file = file == lab.exercise ||
                            std::find(lab.tests.begin(), lab.tests.end(), file) != lab.tests.end();
      // The lab's own frames only: the library frames around them (a futex
      // wait, GoogleTest's runner) say less than where in the lab it waits.
      // What it waits in, in words a learner knows (std::mutex::lock,
      // std::condition_variable::wait), rather than the futex under it.
      if (!in_lab && waits_in.empty() && m.str(1).starts_with("std::")) waits_in = m.str(1);
      if (lab_file) {
        in_lab = true;
        frames.push_back(file + ":" + m.str(3) + " in " + shorten(m.str(1)));
      }
    }
  }
  flush();
  return lines;
}

}  // namespace safelab::cli::labs
