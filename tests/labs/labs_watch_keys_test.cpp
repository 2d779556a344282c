// Tests what `safelab labs watch` makes of the learner's keys, and the
// terminal mode that lets single keys through: set on a terminal only,
// restored when watch ends and when Ctrl-C (SIGINT) ends it. The terminal is
// a pseudo-terminal made by the test; what is checked is its termios state
// as the kernel reports it (tcgetattr), not the class's own idea of it.
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>

#include "labs_watch_keys.h"

namespace safelab::cli::labs {
namespace {

// Tests the key map on a terminal: one key each, Enter re-checks, the first
// key that means something wins, and an arrow key's escape sequence or a
// stray letter is no command.
TEST(WatchKeysTest, KeysOnATerminal) {
  EXPECT_EQ(watch_command("h", true), WatchCommand::hint);
  EXPECT_EQ(watch_command("n", true), WatchCommand::next);
  EXPECT_EQ(watch_command("l", true), WatchCommand::list);
  EXPECT_EQ(watch_command("r", true), WatchCommand::recheck);
  EXPECT_EQ(watch_command("\n", true), WatchCommand::recheck);
  EXPECT_EQ(watch_command("\r", true), WatchCommand::recheck);
  EXPECT_EQ(watch_command("q", true), WatchCommand::quit);
  EXPECT_EQ(watch_command("\x04", true), WatchCommand::quit);
  EXPECT_EQ(watch_command("xzq", true), WatchCommand::quit);
  EXPECT_EQ(watch_command("\x1b[A", true), std::nullopt);
  EXPECT_EQ(watch_command("x", true), std::nullopt);
  EXPECT_EQ(watch_command("", true), std::nullopt);
}

// Tests that without a terminal (a pipe, a script) any line re-checks, as
// watch always did: "q\n" from a script is not a quit.
TEST(WatchKeysTest, AnyInputRechecksWithoutATerminal) {
  EXPECT_EQ(watch_command("q\n", false), WatchCommand::recheck);
  EXPECT_EQ(watch_command("h\n", false), WatchCommand::recheck);
  EXPECT_EQ(watch_command("\n", false), WatchCommand::recheck);
  EXPECT_EQ(watch_command("", false), std::nullopt);
}

struct Pty {
  Pty() { EXPECT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0); }
  ~Pty() {
    close(master);
    close(slave);
  }
  tcflag_t lflag() const {
    termios t{};
    EXPECT_EQ(tcgetattr(slave, &t), 0);
    return t.c_lflag;
  }
  int master = -1;
  int slave = -1;
};

// Tests that on a terminal the mode is non-canonical without echo while
// watch runs, and exactly as before once it is done.
TEST(WatchKeysTest, TerminalModeSetAndRestored) {
  Pty pty;
  const tcflag_t before = pty.lflag();
  ASSERT_NE(before & ICANON, 0u) << "a fresh pty starts canonical";
  {
    const RawKeys raw(pty.slave);
    EXPECT_TRUE(raw.active());
    EXPECT_EQ(pty.lflag() & (ICANON | ECHO), 0u);
  }
  EXPECT_EQ(pty.lflag(), before);
}

// Tests that a pipe is left alone (no terminal: nothing to set).
TEST(WatchKeysTest, PipeIsLeftAlone) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  {
    const RawKeys raw(fds[0]);
    EXPECT_FALSE(raw.active());
  }
  close(fds[0]);
  close(fds[1]);
}

// Tests that Ctrl-C restores the terminal and still ends the process by
// SIGINT (a shell sees "interrupted", not a normal exit): in a child, so
// the signal ends the child only.
TEST(WatchKeysTest, SigintRestoresTheTerminal) {
  Pty pty;
  const tcflag_t before = pty.lflag();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const RawKeys raw(pty.slave);
    if (!raw.active()) _exit(3);
    termios t{};
    if (tcgetattr(pty.slave, &t) != 0 || (t.c_lflag & ICANON) != 0) _exit(4);
    std::raise(SIGINT);
    _exit(5);  // not reached: SIGINT ends the child
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit code " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  EXPECT_EQ(pty.lflag(), before) << "the terminal was left in key mode";
}

}  // namespace
}  // namespace safelab::cli::labs
