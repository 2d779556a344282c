// expect: data race (tsan) in fill_then_total
// BAD: two tasks write and read `total` with no dependence between them, so
// they may run at once on two threads. Its twin, omp_task_depend.cpp,
// orders them with `depend`.
#include <cstdio>

[[gnu::noinline]] long fill_then_total() {
  long total = 0;
#pragma omp parallel
#pragma omp single
  {
#pragma omp task shared(total)
    total = 42;  // <-- the race
#pragma omp task shared(total)
    total += 1;  // with this task
#pragma omp taskwait
  }
  return total;
}

int main() {
  std::printf("%ld\n", fill_then_total());
  return 0;
}
