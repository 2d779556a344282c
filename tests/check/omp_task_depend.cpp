// expect: clean
// GOOD: omp_task_race.cpp with `depend(inout: total)` on every task: each
// waits for the one created before it.
#include <cstdio>

[[gnu::noinline]] long fill_then_total() {
  long total = 0;
#pragma omp parallel
#pragma omp single
  {
    for (int i = 1; i <= 16; ++i) {
#pragma omp task shared(total) depend(inout : total)
      total += i;
    }
#pragma omp taskwait
  }
  return total;
}

int main() {
  const long total = fill_then_total();
  std::printf("%ld\n", total);
  return total == 136 ? 0 : 1;
}
