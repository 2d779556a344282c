// expect: heap-buffer-overflow (asan) in copy_name
// BAD: copies a 9-byte name (8 letters and the NUL) into an 8-byte buffer.
// With its clean twin, name_copy_sized.c, a suite for the runner's own
// threads (check.suite_runner_under_tsan).
#include <stdlib.h>
#include <string.h>

static char* copy_name(const char* name) {
  char* copy = malloc(8);
  strcpy(copy, name);
  return copy;
}

int main(void) {
  char* c = copy_name("safelab!");
  int first = c[0];
  free(c);
  return first == 's' ? 0 : 1;
}
