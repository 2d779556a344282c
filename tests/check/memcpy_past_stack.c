// expect: stack-buffer-overflow (asan) in main
// BAD: memcpy writes 16 bytes into an 8-byte stack array that is never read
// afterwards. At -O1 the optimiser deletes the dead copy and ASan sees
// nothing; at -O0 ASan reports a stack-buffer-overflow in main.
#include <string.h>

int main(void) {
  const char source[16] = "fifteen chars!!";
  char target[8];
  memcpy(target, source, sizeof source);
  return 0;
}
