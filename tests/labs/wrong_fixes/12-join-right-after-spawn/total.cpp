// Wrong fix for lab 12: each thread's sum comes back from join(), but each
// thread is joined right after it is spawned: correct, race-free, serial.
// EXPECT: lab 12 teaches results through join handles: no two batches were ever summed at once
// CAUGHT: at run time, by TotalOfTest.BatchesAreSummedAtTheSameTime
#include "total.h"
#include "safelab/own/scope.h"

namespace lab12 {

safelab::err::Result<std::int64_t, std::size_t> total_of(const std::vector<Batch>& batches) {
  using Total = safelab::err::Result<std::int64_t, std::size_t>;
  return safelab::own::scope([&](safelab::own::Scope& s) -> Total {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < batches.size(); ++i) {
      auto sum = s.spawn([&batches, i] { return sum_batch(batches[i]); }).join();
      if (!sum) return safelab::err::Err(i);
      total += *sum;
    }
    return total;
  });
}

}  // namespace lab12
