// BAD only by the user's own TSAN_OPTIONS=report_signal_unsafe=1: the
// handler calls malloc, which is not async-signal-safe. safelab's options
// turn that report off; the user's, merged after them, turn it back on.
#include <signal.h>
#include <stdlib.h>

static volatile sig_atomic_t handled;

static void on_signal(int sig) {
  (void)sig;
  void* volatile p = malloc(16);  // volatile: -O1 must keep the call
  free(p);
  handled = 1;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  raise(SIGUSR1);
  return handled ? 0 : 1;
}
