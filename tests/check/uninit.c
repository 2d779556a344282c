// expect: uninitialised value (memcheck) in main
// BAD: branches on an uninitialised value: memcheck "Conditional jump or move
// depends on uninitialised value(s)", where the value decide() computed
// from it reaches a branch (in printf, called from main). No sanitizer of the six
// but memcheck sees it (MSan would).
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int decide(const int* flags) {
  return flags[1] > 0 ? 1 : 2;  // flags[1] was never written
}

int main(void) {
  int* flags = malloc(4 * sizeof *flags);
  if (!flags) return 1;
  flags[0] = 1;
  printf("%d\n", decide(flags));
  free(flags);
  return 0;
}
