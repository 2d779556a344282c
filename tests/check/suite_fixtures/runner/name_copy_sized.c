// expect: clean
// GOOD: name_copy_overrun.c with the buffer sized from the name.
#include <stdlib.h>
#include <string.h>

static char* copy_name(const char* name) {
  char* copy = malloc(strlen(name) + 1);
  strcpy(copy, name);
  return copy;
}

int main(void) {
  char* c = copy_name("safelab!");
  int first = c[0];
  free(c);
  return first == 's' ? 0 : 1;
}
