// expect: data race (tsan) in swap_pairs
// BAD: a temporary declared outside the parallel loop is shared by every
// thread: one thread's `tmp = ...` races with another's read. Its twin,
// omp_temp_private.cpp, makes it private.
#include <cstdio>
#include <vector>

[[gnu::noinline]] void swap_pairs(std::vector<int>& v) {
  int tmp = 0;
#pragma omp parallel for
  for (int i = 0; i < static_cast<int>(v.size()) / 2; ++i) {
    tmp = v[2 * i];  // <-- the race: tmp is shared
    v[2 * i] = v[2 * i + 1];
    v[2 * i + 1] = tmp;
  }
}

int main() {
  std::vector<int> v(20000);
  for (int i = 0; i < static_cast<int>(v.size()); ++i) v[i] = i;
  swap_pairs(v);
  std::printf("%d %d\n", v[0], v[1]);
  return 0;
}
