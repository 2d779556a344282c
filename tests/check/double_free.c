// expect: double-free (asan) in release_twice; invalid free (memcheck) in release_twice
// BAD: frees the same block twice, with no use of the pointer in between
// (the case the optimiser may delete at -O1; the -O0 build keeps it). Its
// twin is single_free.c.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static void release_twice(char* p) {
  free(p);
  free(p);  // <-- the double free
}

int main(void) {
  char* p = malloc(16);
  if (!p) return 1;
  p[0] = 'x';
  printf("%c\n", p[0]);
  release_twice(p);
  return 0;
}
