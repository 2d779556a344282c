// bench/measure.h
//
// Measurement helpers the benchmarks share: the kernel's per-process
// counters around a timed part, and the median of per-round ratios (the
// A B B A rows).
#ifndef SAFELAB_BENCH_MEASURE_H_
#define SAFELAB_BENCH_MEASURE_H_

#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace safelab::bench {

// Process-wide counters of the kernel's view of this process (getrusage):
// voluntary context switches (a thread slept), involuntary ones (a thread
// lost its core) and minor page faults.
struct ProcessUsage {
  std::int64_t voluntary = 0;
  std::int64_t involuntary = 0;
  std::int64_t minor_faults = 0;

  static ProcessUsage now() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return {ru.ru_nvcsw, ru.ru_nivcsw, ru.ru_minflt};
  }
  ProcessUsage operator-(const ProcessUsage& o) const {
    return {voluntary - o.voluntary, involuntary - o.involuntary, minor_faults - o.minor_faults};
  }
  ProcessUsage& operator+=(const ProcessUsage& o) {
    voluntary += o.voluntary;
    involuntary += o.involuntary;
    minor_faults += o.minor_faults;
    return *this;
  }
};

// The median of `values` (the upper one of an even count); 0 if empty.
inline double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace safelab::bench

#endif  // SAFELAB_BENCH_MEASURE_H_
