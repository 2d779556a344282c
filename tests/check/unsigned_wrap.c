// expect: heap-buffer-overflow (asan) in fill; invalid write (memcheck) in fill
// BAD: a message's size is computed in an `unsigned char`, which wraps
// (200 + 100 = 44: defined behaviour, so UBSan says nothing), the buffer is
// allocated at the wrapped size and filled at the real one. Its twin,
// unsigned_no_wrap.c, computes the size in size_t.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void fill(char* buf, size_t n) { memset(buf, 'x', n); }

int main(int argc, char** argv) {
  (void)argv;
  const unsigned char header = 200;
  const unsigned char body = (unsigned char)(99 + argc);       // 100
  const unsigned char total = (unsigned char)(header + body);  // <-- wraps to 44
  char* buf = malloc(total);
  if (!buf) return 1;
  fill(buf, (size_t)header + body);  // writes 300 bytes into 44
  printf("%d\n", buf[0]);
  free(buf);
  return 0;
}
