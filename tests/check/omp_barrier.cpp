// expect: clean
// GOOD: omp_nowait.cpp without `nowait`: the implicit barrier after the
// first loop orders every write of b[] before the second loop's reads.
#include <cstdio>

constexpr int kN = 10000;
int a[kN], b[kN], c[kN];

[[gnu::noinline]] void smooth() {
#pragma omp parallel
  {
#pragma omp for
    for (int i = 0; i < kN; ++i) b[i] = a[i] * 2;
#pragma omp for
    for (int i = 0; i < kN; ++i) c[i] = b[kN - 1 - i];
  }
}

int main() {
  for (int i = 0; i < kN; ++i) a[i] = i;
  smooth();
  std::printf("%d\n", c[0]);
  return c[0] == 2 * (kN - 1) ? 0 : 1;
}
