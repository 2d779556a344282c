// expect: heap-buffer-overflow (asan) in overflow_after_noise
// tools: asan
// BAD: prints 20 MiB to stderr, then writes one int past a heap array. The
// report comes after the flood and must not be lost with it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void overflow_after_noise(int* a, int n) {
  a[n] = 1;  // <-- one past the end
}

int main(void) {
  char line[1024];
  memset(line, 'x', sizeof line - 1);
  line[sizeof line - 1] = '\0';
  for (int i = 0; i < 20 * 1024; ++i) fprintf(stderr, "%s\n", line);
  int* a = malloc(8 * sizeof *a);
  overflow_after_noise(a, 8);
  free(a);
  return 0;
}
