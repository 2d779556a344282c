// FAILS its own assert, with no checker's report: the outcome is "failed",
// and the assert's message, the last line of its stderr, is shown.
#include <assert.h>

int main(int argc, char** argv) {
  (void)argv;
  assert(argc > 5 && "needs six arguments");
  return 0;
}
