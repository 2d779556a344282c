// sanitizers/verdict/process.h
//
// run_process(): runs a program in a child process with a time limit and
// captures what it prints. The verdict runner uses it to run catalog entries
// (a crash, a sanitizer abort or a deadlock in the child is an outcome to
// judge, never a crash of the runner), and the CLI tests use it to run the
// `safelab` binary.
#ifndef SAFELAB_SANITIZERS_VERDICT_PROCESS_H_
#define SAFELAB_SANITIZERS_VERDICT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace safelab::verdict {

struct ProcessResult {
  bool launched = false;     // false: the program could not be started
  std::string launch_error;  // why not, when !launched
  int exit_code = -1;        // valid when the child exited normally
  int signal = 0;            // the signal that ended it, or 0
  bool timed_out = false;    // killed (with its process group) at the limit
  std::string out;           // stdout: its head, report lines and tail (below)
  std::string err;           // stderr, likewise
  std::chrono::milliseconds elapsed{};
};

// A runaway child must not make the runner allocate without bound, nor may
// a report be lost because the program printed a lot first: of each stream
// a run keeps the first kOutputHead bytes, the last kOutputTail (up to twice
// that while running), and from the part between only the lines that look
// like a sanitizer or Valgrind report, up to kOutputSalvage bytes, with a
// note where the rest was dropped.
inline constexpr std::size_t kOutputHead = 1u << 20;
inline constexpr std::size_t kOutputTail = 8u << 20;
inline constexpr std::size_t kOutputSalvage = 4u << 20;

// run_process()
//
// Runs argv[0] (searched in PATH if it has no '/') with `extra_env`
// ("NAME=value" strings) added to this process's environment, stdin from
// `stdin_path` (/dev/null when empty), and a wall-clock limit of `timeout`
// on the program itself, whatever it does with its output pipes. When the
// program ends (or is killed at the limit) its whole tree goes with it: the
// process group, descendants that left it (setsid), and orphans, which are
// reparented to this process (PR_SET_CHILD_SUBREAPER) and reaped here.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env,
                          std::chrono::milliseconds timeout, const std::string& stdin_path = {});

// The parent of process `pid` (from /proc/PID/stat), or 0 when it cannot be
// read: it may have exited meanwhile, which is not an error here.
pid_t parent_of(pid_t pid);

// A one-line description: "exit 0", "killed by signal 6 (Aborted)",
// "timed out after 60 s", "could not start: ...".
std::string describe(const ProcessResult& result);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_PROCESS_H_
