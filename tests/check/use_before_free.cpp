// expect: clean
// GOOD: use_after_free.cpp reading the value before the delete.
#include <cstdio>

[[gnu::noinline]] int read_then_free(int* p) {
  const int value = *p;
  delete p;
  return value;
}

int main() {
  std::printf("%d\n", read_then_free(new int(42)));
  return 0;
}
