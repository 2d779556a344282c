// expect: clean
// tools: memcheck,clang-analyzer,gcc-analyzer
// GOOD: mode_uninitialised.c with `factor` starting at 1.
#include <stdio.h>

static int scale(int mode, int x) {
  int factor = 1;
  if (mode == 1) {
    factor = 2;
  } else if (mode == 2) {
    factor = 3;
  }
  return x * factor;
}

int main(int argc, char** argv) {
  (void)argv;
  printf("%d\n", scale(argc, 21));
  return 0;
}
