// expect: clean
// GOOD: null_deref.c with the pointer checked before the write.
#include <stdio.h>

int main(int argc, char** argv) {
  (void)argv;
  int* volatile p = argc > 5 ? &argc : NULL;
  if (p != NULL) *p = 1;
  printf("%s\n", p == NULL ? "no target" : "written");
  return 0;
}
