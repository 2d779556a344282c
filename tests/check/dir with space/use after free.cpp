// BAD: use_after_free.cpp at a path with spaces in it: the "where" cell must
// still name read_after_free() and the file (ASan prints the path as is).
#include <cstdio>

[[gnu::noinline]] int read_after_free(int* p) {
  delete p;
  return *p;  // the use after free
}

int main() {
  std::printf("%d\n", read_after_free(new int(42)));
  return 0;
}
