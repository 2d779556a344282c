// Lab 12: scoped threads and their join handles. Read README.md first; the
// lines to change carry a TODO. `safelab labs check 12` tells you how you
// are doing.
#include "total.h"

#include "safelab/own/scope.h"

namespace lab12 {

safelab::err::Result<std::int64_t, std::size_t> total_of(const std::vector<Batch>& batches) {
  std::vector<std::int64_t> sums(batches.size());  // TODO: shared by every thread
  std::int64_t total = 0;
  safelab::own::scope([&](safelab::own::Scope& s) {
    for (std::size_t i = 0; i < batches.size(); ++i) {
      // TODO: return the sum from the thread instead, and keep the handle spawn() returns
      s.spawn([&sums, &batches, i] { sums[i] = sum_batch(batches[i]); });
    }
    // TODO: the threads are joined when the scope ends, after this loop has
    // read `sums`; join() each handle here, for its sum or its exception
    for (std::int64_t sum : sums) total += sum;
  });
  return total;
}

}  // namespace lab12
