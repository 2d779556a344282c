// expect: clean
// GOOD: double_free.c freeing once and forgetting the pointer.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static void release_once(char** p) {
  free(*p);
  *p = NULL;
  free(*p);  // free(NULL) does nothing
}

int main(void) {
  char* p = malloc(16);
  if (!p) return 1;
  p[0] = 'x';
  printf("%c\n", p[0]);
  release_once(&p);
  return 0;
}
