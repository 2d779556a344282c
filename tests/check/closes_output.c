// HANGS after closing stdout and stderr: no end-of-file ever tells the
// runner that something happened, so only a wall-clock limit ends the run.
#include <unistd.h>

int main(void) {
  close(STDOUT_FILENO);
  close(STDERR_FILENO);
  for (;;) pause();
}
