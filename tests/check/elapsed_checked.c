// expect: clean
// tools: ubsan,intsan
// GOOD: elapsed_wraps.c returning 0 when the clock went back.
#include <stdio.h>

__attribute__((noinline)) static unsigned elapsed(unsigned start, unsigned now) {
  return now >= start ? now - start : 0u;
}

int main(int argc, char** argv) {
  (void)argv;
  const unsigned start = 100u + (unsigned)argc;
  const unsigned now = 50u;
  printf("%u ticks\n", elapsed(start, now));
  return 0;
}
