// Wrong fix for lab 12: every handle is joined (failures come back from
// join()), but the sums still travel through a shared vector behind a
// std::mutex instead of the threads' return values.
// EXPECT: lab 12 teaches results through join handles: the sums still travel through shared state
#include <mutex>
#include <optional>

#include "safelab/own/scope.h"
#include "total.h"

namespace lab12 {

safelab::err::Result<std::int64_t, std::size_t> total_of(const std::vector<Batch>& batches) {
  std::vector<std::int64_t> sums;
  std::mutex mu;
  std::optional<std::size_t> failed;
  safelab::own::scope([&](safelab::own::Scope& s) {
    std::vector<safelab::own::ScopedJoinHandle<void>> handles;
    for (std::size_t i = 0; i < batches.size(); ++i) {
      handles.push_back(s.spawn([&, i] {
        const std::int64_t sum = sum_batch(batches[i]);
        std::lock_guard lock(mu);
        sums.push_back(sum);
      }));
    }
    for (std::size_t i = 0; i < handles.size(); ++i) {
      if (!handles[i].join() && !failed) failed = i;
    }
  });
  if (failed) return safelab::err::Err(*failed);
  std::int64_t total = 0;
  for (std::int64_t sum : sums) total += sum;
  return total;
}

}  // namespace lab12
