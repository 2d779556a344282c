// expect: signed-integer-overflow (ubsan) in add_one
// BAD: signed overflow on an input the compiler cannot see: UBSan
// signed-integer-overflow in add_one().
#include <climits>
#include <cstdio>
#include <cstdlib>

[[gnu::noinline]] int add_one(int x) { return x + 1; }  // overflows at INT_MAX

int main(int argc, char**) {
  const int big = INT_MAX - 1 + argc;  // INT_MAX when run without arguments
  std::printf("%d\n", add_one(big));
  return 0;
}
