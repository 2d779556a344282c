// expect: clean
// GOOD: omp_temp_shared.cpp with `private(tmp)`: each thread has its own.
#include <cstdio>
#include <vector>

[[gnu::noinline]] void swap_pairs(std::vector<int>& v) {
  int tmp = 0;
#pragma omp parallel for private(tmp)
  for (int i = 0; i < static_cast<int>(v.size()) / 2; ++i) {
    tmp = v[2 * i];
    v[2 * i] = v[2 * i + 1];
    v[2 * i + 1] = tmp;
  }
}

int main() {
  std::vector<int> v(20000);
  for (int i = 0; i < static_cast<int>(v.size()); ++i) v[i] = i;
  swap_pairs(v);
  std::printf("%d %d\n", v[0], v[1]);
  return v[0] == 1 && v[1] == 0 ? 0 : 1;
}
