// expect: data race (tsan) in count_matches
// BAD: every thread of a parallel region bumps two shared counters with a
// plain `++`. Its twin, omp_count_synced.c, uses `critical` and `atomic`.
#include <omp.h>
#include <stdio.h>

#define N 10000

static int matches;
static int misses;

__attribute__((noinline)) static void count_matches(const int* a) {
#pragma omp parallel for
  for (int i = 0; i < N; ++i) {
    if (a[i] % 3 == 0) {
      ++matches;  // <-- the race
    } else {
      ++misses;  // <-- and another
    }
  }
}

int main(void) {
  static int a[N];
  for (int i = 0; i < N; ++i) a[i] = i;
  count_matches(a);
  printf("%d %d (max %d threads)\n", matches, misses, omp_get_max_threads());
  return 0;
}
