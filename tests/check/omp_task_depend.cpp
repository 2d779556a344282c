// expect: clean
// GOOD: omp_task_race.cpp with `depend(out: total)` and
// `depend(inout: total)`: the second task waits for the first.
#include <cstdio>

[[gnu::noinline]] long fill_then_total() {
  long total = 0;
#pragma omp parallel
#pragma omp single
  {
#pragma omp task shared(total) depend(out : total)
    total = 42;
#pragma omp task shared(total) depend(inout : total)
    total += 1;
#pragma omp taskwait
  }
  return total;
}

int main() {
  const long total = fill_then_total();
  std::printf("%ld\n", total);
  return total == 43 ? 0 : 1;
}
