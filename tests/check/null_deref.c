// expect: SEGV (asan); invalid write (memcheck); SEGV (tsan)
// BAD: writes through a null pointer. TSan has no check for it, so the
// report is its "SEGV on unknown address".
#include <stdio.h>

int main(int argc, char** argv) {
  (void)argv;
  int* volatile p = argc > 5 ? &argc : NULL;
  *p = 1;
  printf("unreachable\n");
  return 0;
}
