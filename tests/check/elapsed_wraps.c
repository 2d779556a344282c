// expect: unsigned-integer-overflow (intsan) in elapsed
// tools: ubsan,intsan
// BAD: elapsed() subtracts two unsigned tick counts; after the clock is
// reset `now` is below `start` and the result wraps to about four billion.
// Unsigned wrap-around is defined behaviour, so UBSan's default checks say
// nothing; the opt-in integer checker reports it. Its twin,
// elapsed_checked.c, returns 0 when the clock went back.
#include <stdio.h>

__attribute__((noinline)) static unsigned elapsed(unsigned start, unsigned now) {
  return now - start;  // <-- wraps when now < start
}

int main(int argc, char** argv) {
  (void)argv;
  const unsigned start = 100u + (unsigned)argc;
  const unsigned now = 50u;  // the clock was reset
  printf("%u ticks\n", elapsed(start, now));
  return 0;
}
