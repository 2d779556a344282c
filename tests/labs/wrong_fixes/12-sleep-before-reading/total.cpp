// Wrong fix for lab 12: sleep before reading the shared sums. The total is
// usually right, but a sleep orders nothing (still a data race for TSan),
// and a thread's exception still escapes total_of() through scope().
// EXPECT: lab 12 teaches results through join handles
#include <chrono>
#include <thread>

#include "safelab/own/scope.h"
#include "total.h"

namespace lab12 {

safelab::err::Result<std::int64_t, std::size_t> total_of(const std::vector<Batch>& batches) {
  std::vector<std::int64_t> sums(batches.size());
  std::int64_t total = 0;
  safelab::own::scope([&](safelab::own::Scope& s) {
    for (std::size_t i = 0; i < batches.size(); ++i) {
      s.spawn([&sums, &batches, i] { sums[i] = sum_batch(batches[i]); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // "long enough"
    for (std::int64_t sum : sums) total += sum;
  });
  return total;
}

}  // namespace lab12
