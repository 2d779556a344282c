// expect: clean
// CLEAN, and only builds as a C programmer's `cc` builds it: sqrt() needs
// libm, alloca() and getpid() are declared only outside strict ISO C.
#include <alloca.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv) {
  (void)argv;
  volatile double x = 2.0 + argc;  // not a constant: sqrt must be called
  char* buf = alloca(32);
  const pid_t pid = getpid();
  snprintf(buf, 32, "%.3f", sqrt(x));
  return pid > 0 && buf[0] == '1' ? 0 : 1;
}
