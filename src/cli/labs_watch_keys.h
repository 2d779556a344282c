// src/cli/labs_watch_keys.h
//
// What `safelab labs watch` does with the learner's keys, and the terminal
// mode that lets a single key through without Enter. Apart from the watch
// loop so that both can be tested without a lab build.
#ifndef SAFELAB_CLI_LABS_WATCH_KEYS_H_
#define SAFELAB_CLI_LABS_WATCH_KEYS_H_

#include <termios.h>

#include <optional>
#include <string_view>

namespace safelab::cli::labs {

enum class WatchCommand {
  hint,     // h: the lab's next graded hint
  next,     // n: move on to the next lab
  list,     // l: every lab and the progress
  recheck,  // r or Enter: check now
  quit,     // q (or Ctrl-D): stop watching
};

// The keys, for the status line.
inline constexpr std::string_view kWatchKeys = "h hint, n next lab, l list, r re-check, q quit";

// watch_command()
//
// The command the bytes read from stdin ask for. On a terminal (`keys`
// true: non-canonical mode, a read returns each key as typed) the first key
// that means something wins and the others are ignored; Enter re-checks.
// Without a terminal (a pipe, a script) any input re-checks, as it always
// has. nullopt: nothing to do.
std::optional<WatchCommand> watch_command(std::string_view input, bool keys);

// RawKeys
//
// While alive, puts the terminal on `fd` in non-canonical mode without echo
// (one key per read, no Enter needed) if `fd` is a terminal; restores the
// saved mode when destroyed and on SIGINT/SIGTERM (the handler restores it,
// then lets the signal end the process as it would have). Does nothing when
// `fd` is not a terminal. One at a time per process.
class RawKeys {
 public:
  explicit RawKeys(int fd);
  ~RawKeys();
  RawKeys(const RawKeys&) = delete;
  RawKeys& operator=(const RawKeys&) = delete;

  // RawKeys::active()
  //
  // Whether the terminal is in key mode (fd was a terminal and accepted it).
  bool active() const { return active_; }

 private:
  int fd_;
  bool active_ = false;
  termios saved_{};
};

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_WATCH_KEYS_H_
