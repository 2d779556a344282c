// BAD when run with the argument "twice": the block is freed twice
// (double-free); with "once" it is freed once.
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc != 2) return 3;  // the argument did not arrive
  void* p = std::malloc(32);
  std::free(p);
  if (std::strcmp(argv[1], "twice") == 0) std::free(p);
  return 0;
}
