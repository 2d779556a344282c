// BAD on some input: copies the first line of stdin into an 8-byte heap
// buffer. "short" fits; a longer line overflows it (heap-buffer-overflow).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char line[128];
  if (fgets(line, sizeof line, stdin) == NULL) return 3;  // no input: say so
  line[strcspn(line, "\n")] = '\0';
  char* copy = malloc(8);
  if (copy == NULL) return 1;
  memcpy(copy, line, strlen(line) + 1);
  const int first = copy[0];
  free(copy);
  return first == 0;
}
