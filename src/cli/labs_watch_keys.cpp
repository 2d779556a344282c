#include "labs_watch_keys.h"

#include <unistd.h>

#include <csignal>

namespace safelab::cli::labs {
namespace {

// What the signal handler needs to undo key mode: written before the
// handlers are installed, read only by them (tcsetattr is async-signal-safe).
volatile std::sig_atomic_t g_raw_fd = -1;
termios g_saved{};
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void restore_and_reraise(int sig) {
  if (g_raw_fd >= 0) tcsetattr(g_raw_fd, TCSANOW, &g_saved);
  // The default action now: the process ends as the signal meant it to.
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

std::optional<WatchCommand> watch_command(std::string_view input, bool keys) {
  if (!keys) {
    if (input.empty()) return std::nullopt;
    return WatchCommand::recheck;
  }
  for (const char c : input) {
    switch (c) {
      case 'h':
      case 'H': return WatchCommand::hint;
      case 'n':
      case 'N': return WatchCommand::next;
      case 'l':
      case 'L': return WatchCommand::list;
      case 'r':
      case 'R':
      case '\n':
      case '\r': return WatchCommand::recheck;
      case 'q':
      case 'Q':
      case '\x04':  // Ctrl-D: in non-canonical mode it arrives as a byte
        return WatchCommand::quit;
      default: break;  // an arrow key's escape sequence, a typo: ignored
    }
  }
  return std::nullopt;
}

RawKeys::RawKeys(int fd) : fd_(fd) {
  if (isatty(fd_) == 0 || tcgetattr(fd_, &saved_) != 0) return;
  termios raw = saved_;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  g_saved = saved_;
  g_raw_fd = fd_;
  struct sigaction sa {};
  sa.sa_handler = restore_and_reraise;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
  if (tcsetattr(fd_, TCSANOW, &raw) != 0) {
    g_raw_fd = -1;
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
    return;
  }
  active_ = true;
}

RawKeys::~RawKeys() {
  if (!active_) return;
  tcsetattr(fd_, TCSANOW, &saved_);
  g_raw_fd = -1;
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

}  // namespace safelab::cli::labs
