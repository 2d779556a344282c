// Lab 12, reference solution: each scoped thread borrows its batch and
// returns its sum; join() hands over the sum, or the exception that ended
// the thread, as a Result. Nothing is shared between the threads, and the
// join is what orders each sum before the addition: no lock, no race.
#include "total.h"

#include <optional>

#include "safelab/own/scope.h"

namespace lab12 {

safelab::err::Result<std::int64_t, std::size_t> total_of(const std::vector<Batch>& batches) {
  using Total = safelab::err::Result<std::int64_t, std::size_t>;
  return safelab::own::scope([&](safelab::own::Scope& s) -> Total {
    std::vector<safelab::own::ScopedJoinHandle<std::int64_t>> handles;
    handles.reserve(batches.size());
    for (const Batch& batch : batches) {
      // Borrowing `batch` is safe: scope() joins every thread before the
      // batches can go away.
      handles.push_back(s.spawn([&batch] { return sum_batch(batch); }));
    }
    std::int64_t total = 0;
    std::optional<std::size_t> failed;
    // Join every handle, even after a failure: scope() rethrows the
    // exception of a failed thread that no join() took.
    for (std::size_t i = 0; i < handles.size(); ++i) {
      auto sum = handles[i].join();
      if (!sum) {
        if (!failed) failed = i;
        continue;
      }
      total += *sum;
    }
    if (failed) return safelab::err::Err(*failed);
    return total;
  });
}

}  // namespace lab12
