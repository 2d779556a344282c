// expect: data race (tsan) in fill_then_total
// BAD: sixteen tasks add into one shared `total` with no dependence between
// them, so they may run at once on several threads. Its twin,
// omp_task_depend.cpp, chains them with `depend(inout: total)`.
#include <cstdio>

[[gnu::noinline]] long fill_then_total() {
  long total = 0;
#pragma omp parallel
#pragma omp single
  {
    for (int i = 1; i <= 16; ++i) {
#pragma omp task shared(total)
      total += i;  // <-- the race: the tasks may run at once
    }
#pragma omp taskwait
  }
  return total;
}

int main() {
  std::printf("%ld\n", fill_then_total());
  return 0;
}
