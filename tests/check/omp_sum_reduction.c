// expect: clean
// GOOD: omp_sum_shared.c with `reduction(+ : sum)`: each thread adds into
// its own copy, combined once at the end.
#include <stdio.h>

#define N 10000

__attribute__((noinline)) static long sum_reduction(const int* a) {
  long sum = 0;
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < N; ++i) sum += a[i];
  return sum;
}

int main(void) {
  static int a[N];
  for (int i = 0; i < N; ++i) a[i] = 1;
  const long sum = sum_reduction(a);
  printf("%ld\n", sum);
  return sum == N ? 0 : 1;
}
