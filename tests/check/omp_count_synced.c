// expect: clean
// GOOD: omp_count_unsync.c with one counter under `critical` and the other
// bumped with `atomic`.
#include <omp.h>
#include <stdio.h>

#define N 10000

static int matches;
static int misses;

__attribute__((noinline)) static void count_matches(const int* a) {
#pragma omp parallel for
  for (int i = 0; i < N; ++i) {
    if (a[i] % 3 == 0) {
#pragma omp critical
      ++matches;
    } else {
#pragma omp atomic
      ++misses;
    }
  }
}

int main(void) {
  static int a[N];
  for (int i = 0; i < N; ++i) a[i] = i;
  count_matches(a);
  printf("%d %d (max %d threads)\n", matches, misses, omp_get_max_threads());
  return matches + misses == N ? 0 : 1;
}
