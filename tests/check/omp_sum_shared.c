// expect: data race (tsan) in sum_shared
// BAD: an OpenMP loop adds into one shared `sum` without a reduction clause:
// every thread reads and writes it unsynchronised. Its twin is
// omp_sum_reduction.c.
#include <stdio.h>

#define N 10000

__attribute__((noinline)) static long sum_shared(const int* a) {
  long sum = 0;
#pragma omp parallel for
  for (int i = 0; i < N; ++i) sum += a[i];  // <-- the race
  return sum;
}

int main(void) {
  static int a[N];
  for (int i = 0; i < N; ++i) a[i] = 1;
  printf("%ld\n", sum_shared(a));
  return 0;
}
