// expect: clean
// GOOD: unsigned_wrap.c with the size computed in size_t: no wrap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void fill(char* buf, size_t n) { memset(buf, 'x', n); }

int main(int argc, char** argv) {
  (void)argv;
  const unsigned char header = 200;
  const unsigned char body = (unsigned char)(99 + argc);  // 100
  const size_t total = (size_t)header + body;             // 300
  char* buf = malloc(total);
  if (!buf) return 1;
  fill(buf, total);
  printf("%d\n", buf[0]);
  free(buf);
  return 0;
}
