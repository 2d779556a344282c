// expect: data race (tsan) in smooth
// BAD: `nowait` drops the barrier after the first loop, so a thread starts
// the second loop and reads b[] elements another thread is still writing.
// Its twin, omp_barrier.cpp, keeps the barrier.
#include <cstdio>

constexpr int kN = 10000;
int a[kN], b[kN], c[kN];

[[gnu::noinline]] void smooth() {
#pragma omp parallel
  {
#pragma omp for nowait
    for (int i = 0; i < kN; ++i) b[i] = a[i] * 2;
#pragma omp for
    for (int i = 0; i < kN; ++i) c[i] = b[kN - 1 - i];  // <-- the race: b[] may not be written yet
  }
}

int main() {
  for (int i = 0; i < kN; ++i) a[i] = i;
  smooth();
  std::printf("%d\n", c[0]);
  return 0;
}
