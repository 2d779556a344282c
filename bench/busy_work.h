// bench/busy_work.h
//
// CPU work the compiler cannot fold, vectorise or drop, for benchmarks that
// need a known amount of computation with no memory traffic.
#ifndef SAFELAB_BENCH_BUSY_WORK_H_
#define SAFELAB_BENCH_BUSY_WORK_H_

#include <cstdint>

namespace safelab::bench {

// `steps` dependent multiply-adds on x (a 64-bit LCG step each); returns the
// result, which depends on every step.
inline std::uint64_t dependent_steps(std::uint64_t x, std::int64_t steps) {
  for (std::int64_t i = 0; i < steps; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    __asm__ volatile("" : "+r"(x));  // keep every step
  }
  return x;
}

}  // namespace safelab::bench

#endif  // SAFELAB_BENCH_BUSY_WORK_H_
