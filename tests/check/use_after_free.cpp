// expect: heap-use-after-free (asan) in read_after_free; invalid read (memcheck) in read_after_free
// BAD: reads through a pointer after delete: ASan heap-use-after-free (and
// memcheck "Invalid read") in read_after_free().
#include <cstdio>

[[gnu::noinline]] int read_after_free(int* p) {
  delete p;
  return *p;  // the use after free
}

int main() {
  std::printf("%d\n", read_after_free(new int(42)));
  return 0;
}
