// expect: clean
// GOOD: overflow.cpp with the addition checked (__builtin_add_overflow), so
// INT_MAX + 1 is refused instead of being undefined behaviour.
#include <climits>
#include <cstdio>

[[gnu::noinline]] bool add_one(int x, int* out) { return !__builtin_add_overflow(x, 1, out); }

int main(int argc, char**) {
  const int big = INT_MAX - 1 + argc;  // INT_MAX when run without arguments
  int sum = 0;
  std::printf("%s\n", add_one(big, &sum) ? "ok" : "would overflow");
  return 0;
}
