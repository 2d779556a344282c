#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

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

void append_capped(std::string& sink, const char* data, std::size_t n, bool& truncated) {
  if (sink.size() + n > kOutputCap) {
    n = kOutputCap - sink.size();
    truncated = true;
  }
  sink.append(data, n);
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env,
                          std::chrono::milliseconds timeout) {
  ProcessResult result;
  if (argv.empty()) {
    result.launch_error = "empty command";
    return result;
  }
  // Everything the child needs is prepared before fork(): between fork and
  // exec only async-signal-safe calls are allowed.
  std::vector<std::string> env_strings = merged_environment(extra_env);
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
  const pid_t pid = fork();
  if (pid < 0) {
    result.launch_error = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    setpgid(0, 0);  // own process group, so a timeout kills grandchildren too
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execvpe(child_argv[0], child_argv.data(), child_env.data());
    const int e = errno;
    ssize_t ignored = write(exec_pipe[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  setpgid(pid, pid);  // also here, to win the race with the child's exec
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(exec_pipe[1]);

  int exec_errno = 0;
  if (read(exec_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    close(exec_pipe[0]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    waitpid(pid, nullptr, 0);
    result.launch_error = argv[0] + ": " + std::strerror(exec_errno);
    return result;
  }
  close(exec_pipe[0]);
  result.launched = true;

  bool truncated = false;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  const auto deadline = start + timeout;
  char buf[65536];
  while (open_fds > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    const int ready = poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        append_capped(i == 0 ? result.out : result.err, buf, static_cast<std::size_t>(n),
                      truncated);
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
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (result.timed_out) kill(-pid, SIGKILL);  // stragglers in the group
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (truncated) result.err += "\n[safelab: output truncated at 8 MiB]\n";
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
