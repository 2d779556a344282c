// expect: clean
// CLEAN twin of memcpy_past_stack.c: the copy fits.
#include <string.h>

int main(void) {
  const char source[8] = "seven!!";
  char target[8];
  memcpy(target, source, sizeof source);
  return target[0] == 's' ? 0 : 1;
}
