// Lab 12's checks: the total is right, the batches are summed at the same
// time, and a thread's exception comes back from its join handle as an
// error instead of escaping; the tsan build must report nothing. Run
// `safelab labs check 12`.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "total.h"

namespace lab12 {
namespace {

// Overlap: armed by one test, it makes the first calls of sum_batch() wait
// (a few seconds at most) until a second thread is inside sum_batch() too.
// Threads that run at the same time meet at once; a thread joined right
// after it is spawned never meets another. Observed directly, never by
// timing. Once met (or given up), calls pass through on a relaxed load: no
// synchronisation that would hide the exercise's data race from TSan.
class Overlap {
 public:
  void arm() { armed_.store(true, std::memory_order_relaxed); }
  bool met() const { return met_.load(std::memory_order_relaxed); }

  void enter() {
    if (!armed_.load(std::memory_order_relaxed) || settled_.load(std::memory_order_relaxed)) {
      return;
    }
    std::unique_lock lock(mu_);
    if (++inside_ >= 2) met_.store(true, std::memory_order_relaxed);
    cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(4), [&] { return met(); });
    --inside_;
    settled_.store(true, std::memory_order_relaxed);
  }

 private:
  std::atomic<bool> armed_{false};
  std::atomic<bool> settled_{false};
  std::atomic<bool> met_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  int inside_ = 0;
};

Overlap overlap;

}  // namespace

std::int64_t sum_batch(const Batch& batch) {
  overlap.enter();
  // A batch with a negative entry is refused: the thread that sums it ends
  // by exception (Rust: panics).
  if (std::any_of(batch.begin(), batch.end(), [](std::int64_t v) { return v < 0; })) {
    throw std::invalid_argument("sum_batch: negative entry");
  }
  std::int64_t sum = 0;
  for (std::int64_t v : batch) sum += v;
  return sum;
}

namespace {

std::vector<Batch> make_batches(std::size_t count, std::int64_t size) {
  std::vector<Batch> batches(count);
  for (std::size_t b = 0; b < count; ++b) {
    batches[b].resize(static_cast<std::size_t>(size));
    std::iota(batches[b].begin(), batches[b].end(), static_cast<std::int64_t>(b) * size);
  }
  return batches;
}

// 0 + 1 + ... + (n - 1), the sum of make_batches(count, size) for n = count * size.
std::int64_t expected(std::size_t count, std::int64_t size) {
  const std::int64_t n = static_cast<std::int64_t>(count) * size;
  return n * (n - 1) / 2;
}

// Tests that the total of eight batches is exact (and, in the tsan build,
// that reading the sums is ordered after the threads wrote them: Rust's
// ScopedJoinHandle::join: "the completion of the associated thread
// synchronizes with this function returning").
TEST(TotalOfTest, AddsEveryBatch) {
  const auto batches = make_batches(8, 20'000);
  const auto got = total_of(batches);
  ASSERT_TRUE(got.has_value()) << "total_of() failed on batch " << got.error();
  EXPECT_TRUE(*got == expected(8, 20'000))
      << "lab 12 teaches results through join handles: the total is " << *got << ", not "
      << expected(8, 20'000) << " (were the sums read before the threads finished?)";
}

// Tests that the batches are summed at the same time: two threads are inside
// sum_batch() at once. (Joining each thread right after spawning it gives
// the right total with no race, and no parallelism either.)
TEST(TotalOfTest, BatchesAreSummedAtTheSameTime) {
  const auto batches = make_batches(2, 1'000);
  overlap.arm();
  const auto got = total_of(batches);
  EXPECT_TRUE(got.has_value() && *got == expected(2, 1'000));
  EXPECT_TRUE(overlap.met())
      << "lab 12 teaches results through join handles: no two batches "
         "were ever summed at once (is each thread joined right after it is spawned?)";
}

// Tests that a failed thread comes back through its handle. Rust's
// ScopedJoinHandle::join: "If the associated thread panics, Err is returned
// with the panic payload."; std::thread::scope: "If you want to handle
// panics from spawned threads, join them before the end of the scope." With
// batches 2 and 5 refused, total_of() returns Err(2) and throws nothing.
TEST(TotalOfTest, AFailedBatchComesBackFromJoin) {
  auto batches = make_batches(7, 100);
  batches[2][10] = -1;
  batches[5][0] = -1;
  try {
    const auto got = total_of(batches);
    ASSERT_FALSE(got.has_value()) << "total_of() ignored the refused batches: " << *got;
    EXPECT_EQ(got.error(), 2u) << "the first refused batch is batch 2";
  } catch (const std::exception& e) {
    FAIL() << "lab 12 teaches results through join handles: a "
              "batch's exception escaped total_of() (\""
           << e.what() << "\"); join() returns it as an Err: take it there, from every handle";
  }
}

// Tests no batch, and empty batches.
TEST(TotalOfTest, NoBatchesAndEmptyBatches) {
  const auto none = total_of({});
  EXPECT_TRUE(none.has_value() && *none == 0);
  const auto empty = total_of(std::vector<Batch>(3));
  EXPECT_TRUE(empty.has_value() && *empty == 0);
}

}  // namespace
}  // namespace lab12
