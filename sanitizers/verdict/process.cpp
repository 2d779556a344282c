#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string_view>

extern char** environ;

namespace safelab::verdict {
namespace {

// The environment for the child: ours, with `extra` overriding by name.
std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    env[kv.substr(0, kv.find('='))] = kv;
  }
  for (const std::string& kv : extra) env[kv.substr(0, kv.find('='))] = kv;
  std::vector<std::string> out;
  out.reserve(env.size());
  for (auto& [name, kv] : env) out.push_back(std::move(kv));
  return out;
}

// A line of a sanitizer or Valgrind report: a report's headline or
// summary, a stack frame, a stack's heading ("  Previous write of size 4
// at ... by thread T2:"), a UBSan "runtime error", a Valgrind "==N==" line.
bool is_report_line(std::string_view line) {
  if (line.find("Sanitizer") != std::string_view::npos ||
      line.find("runtime error:") != std::string_view::npos) {
    return true;
  }
  if (line.starts_with("==")) return true;
  const auto text = line.find_first_not_of(' ');
  if (text == std::string_view::npos) return false;
  if (line[text] == '#' && text + 1 < line.size() && line[text + 1] >= '0' &&
      line[text + 1] <= '9') {
    return true;
  }
  return text >= 2 && line.ends_with(':');
}

// What a run keeps of one output stream: its first kOutputHead bytes, its
// last kOutputTail bytes, and from the part between them only the lines of
// reports (at most kOutputSalvage bytes), so that a report printed after a
// flood of output, or in the middle of one, still reaches parse_reports().
class Capture {
 public:
  void append(const char* data, std::size_t n) {
    if (head_.size() < kOutputHead) {
      const std::size_t take = std::min(n, kOutputHead - head_.size());
      head_.append(data, take);
      data += take;
      n -= take;
    }
    tail_.append(data, n);
    // Trim in large steps (an erase moves the whole tail), at a line end.
    if (tail_.size() > 2 * kOutputTail) {
      std::size_t cut = tail_.size() - kOutputTail;
      const std::size_t nl = tail_.rfind('\n', cut);
      if (nl != std::string::npos && nl > 0) cut = nl + 1;
      salvage(std::string_view(tail_).substr(0, cut));
      dropped_ += cut;
      tail_.erase(0, cut);
    }
  }

  std::string take() {
    if (dropped_ == 0) return head_ + tail_;
    return head_ + "\n[safelab: " + std::to_string(dropped_) +
           " bytes of output dropped here; the report lines among them follow]\n" + salvaged_ +
           "[safelab: end of the dropped part]\n" + tail_;
  }

 private:
  void salvage(std::string_view text) {
    while (!text.empty() && salvaged_.size() < kOutputSalvage) {
      const auto nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      if (is_report_line(line)) salvaged_.append(line).push_back('\n');
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
  }

  std::string head_, tail_, salvaged_;
  std::size_t dropped_ = 0;
};

// The direct children run_process() is waiting for: any other child of
// this process is an orphan of a run, adopted because we are a subreaper.
std::mutex g_children_mu;
std::set<pid_t> g_children;

// Reads /proc/PID/WHAT, or as much as could be read: a process that exits
// while we read makes read() fail with ESRCH, which std::ifstream turns into
// an exception (seen in CI), so this uses read() and stops at any error.
std::string read_proc(pid_t pid, const char* what) {
  std::string text;
  const std::string path = "/proc/" + std::to_string(pid) + "/" + what;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return text;
}

// Kills what is left of a run: its process group, every process that
// inherited the run's token (a detached grandchild that left the group), and
// the orphans we adopted as subreaper (one that also cleared its
// environment); reaps those that were reparented to us. Repeated, because a
// process may fork while we scan.
void kill_run_tree(pid_t pid, const std::string& token) {
  kill(-pid, SIGKILL);
  const std::string needle = std::string(1, '\0') + token + '\0';
  for (int pass = 0; pass < 5; ++pass) {
    std::vector<pid_t> victims;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
      const std::string name = entry.path().filename().string();
      if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
      const pid_t p = static_cast<pid_t>(std::atol(name.c_str()));
      if (p == getpid()) continue;
      bool orphan = false;
      if (parent_of(p) == getpid()) {
        const std::lock_guard<std::mutex> lock(g_children_mu);
        orphan = g_children.count(p) == 0;
      }
      if (orphan || ('\0' + read_proc(p, "environ")).find(needle) != std::string::npos) {
        victims.push_back(p);
      }
    }
    if (victims.empty() || (victims.size() == 1 && victims[0] == pid)) return;
    for (pid_t v : victims) kill(v, SIGKILL);
    // Our own children (adopted orphans) are reaped; waitpid on anyone
    // else's fails at once with ECHILD.
    for (pid_t v : victims) {
      if (v == pid) continue;  // the caller reaps it, for its status
      while (waitpid(v, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  }
}

}  // namespace

pid_t parent_of(pid_t pid) {
  // "pid (comm) S ppid ...": comm may hold spaces and parentheses.
  const std::string stat = read_proc(pid, "stat");
  const auto close = stat.rfind(')');
  if (close == std::string::npos || close + 4 >= stat.size()) return 0;
  return static_cast<pid_t>(std::atol(stat.c_str() + close + 4));
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env,
                          std::chrono::milliseconds timeout, const std::string& stdin_path) {
  ProcessResult result;
  if (argv.empty()) {
    result.launch_error = "empty command";
    return result;
  }
  // Orphans of the program (a detached grandchild) are reparented to us, not
  // to init, so that they cannot outlive the run unseen.
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  // Every process of the run inherits this token, so that it can be found
  // after it leaves the process group (setsid) and its parent exits.
  static std::atomic<unsigned> run_counter{0};
  const std::string token = "SAFELAB_RUN_TOKEN=" + std::to_string(getpid()) + "-" +
                            std::to_string(run_counter.fetch_add(1));
  std::vector<std::string> with_token = extra_env;
  with_token.push_back(token);
  // Everything the child needs is prepared before fork(): between fork and
  // exec only async-signal-safe calls are allowed.
  std::vector<std::string> env_strings = merged_environment(with_token);
  const int stdin_fd =
      open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (stdin_fd < 0) {
    result.launch_error = stdin_path + ": " + std::strerror(errno);
    return result;
  }
  std::vector<char*> child_argv;
  for (const std::string& a : argv) child_argv.push_back(const_cast<char*>(a.c_str()));
  child_argv.push_back(nullptr);
  std::vector<char*> child_env;
  for (std::string& e : env_strings) child_env.push_back(e.data());
  child_env.push_back(nullptr);

  int out_pipe[2];
  int err_pipe[2];
  int exec_pipe[2];  // closed on exec; carries errno if exec fails
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
      pipe2(exec_pipe, O_CLOEXEC) != 0) {
    result.launch_error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }

  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> registering(g_children_mu);
  const pid_t pid = fork();
  if (pid < 0) {
    result.launch_error = std::string("fork: ") + std::strerror(errno);
    close(stdin_fd);
    return result;
  }
  if (pid == 0) {
    setpgid(0, 0);  // own process group, so a timeout kills grandchildren too
    dup2(stdin_fd, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execvpe(child_argv[0], child_argv.data(), child_env.data());
    const int e = errno;
    ssize_t ignored = write(exec_pipe[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  g_children.insert(pid);
  registering.unlock();
  setpgid(pid, pid);  // also here, to win the race with the child's exec
  close(stdin_fd);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(exec_pipe[1]);

  int exec_errno = 0;
  if (read(exec_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    close(exec_pipe[0]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    waitpid(pid, nullptr, 0);
    const std::lock_guard<std::mutex> lock(g_children_mu);
    g_children.erase(pid);
    result.launch_error = argv[0] + ": " + std::strerror(exec_errno);
    return result;
  }
  close(exec_pipe[0]);
  result.launched = true;

  Capture captured[2];  // stdout, stderr
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  const auto deadline = start + timeout;
  // The limit is on the program, not on its pipes: it holds when the program
  // closes stdout and stderr (no end-of-file to wait for) and when a detached
  // descendant keeps them open after the program exited (no end-of-file ever).
  bool exited = false;
  int status = 0;
  auto drain_until = deadline;
  char buf[65536];
  for (;;) {
    if (!exited && waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      drain_until =
          std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(500));
    }
    const auto now = std::chrono::steady_clock::now();
    if (exited && (open_fds == 0 || now >= drain_until)) break;
    if (!exited && now >= deadline) {
      result.timed_out = true;
      break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        (exited ? drain_until : deadline) - now);
    // Short slices: the program's exit is noticed by waitpid, not by poll.
    const int slice = static_cast<int>(std::min<std::int64_t>(left.count() + 1, 50));
    const int ready = poll(fds, 2, slice);
    if (ready <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        captured[i].append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (const pollfd& p : fds) {
    if (p.fd >= 0) close(p.fd);
  }
  kill_run_tree(pid, token);
  if (!exited) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  {
    const std::lock_guard<std::mutex> lock(g_children_mu);
    g_children.erase(pid);
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = captured[0].take();
  result.err = captured[1].take();
  return result;
}

std::string describe(const ProcessResult& r) {
  if (!r.launched) return "could not start: " + r.launch_error;
  if (r.timed_out) {
    return "timed out after " + std::to_string(r.elapsed.count() / 1000) + " s (killed)";
  }
  if (r.signal != 0) {
    return "killed by signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")";
  }
  return "exit " + std::to_string(r.exit_code);
}

}  // namespace safelab::verdict
