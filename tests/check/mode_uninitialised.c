// expect: uninitialised value (clang-analyzer) in scale
// expect: uninitialised value (gcc-analyzer) in scale
// tools: memcheck,clang-analyzer,gcc-analyzer
// BAD: `factor` is set for modes 1 and 2 only; any other mode multiplies
// by an uninitialised local. The runs here use mode 1 (no arguments), so
// memcheck sees nothing; the analyzers read the path of mode 3. Its twin,
// mode_initialised.c, starts `factor` at 1.
#include <stdio.h>

static int scale(int mode, int x) {
  int factor;
  if (mode == 1) {
    factor = 2;
  } else if (mode == 2) {
    factor = 3;
  }
  return x * factor;  // <-- uninitialised for any other mode
}

int main(int argc, char** argv) {
  (void)argv;
  printf("%d\n", scale(argc, 21));
  return 0;
}
