// expect: clean
// GOOD: uninit.c with every flag written before decide() reads it.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int decide(const int* flags) { return flags[1] > 0 ? 1 : 2; }

int main(void) {
  int* flags = calloc(4, sizeof *flags);
  if (!flags) return 1;
  flags[0] = 1;
  printf("%d\n", decide(flags));
  free(flags);
  return 0;
}
