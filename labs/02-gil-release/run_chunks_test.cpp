// Lab 02's checks: the sum must be right, and two threads' kernels must be
// seen running at the same moment. That is observed directly (a rendezvous
// inside the kernel), never by timing: a kernel waits for a partner for at
// most a few seconds, which costs nothing when the partner can come in.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "run_chunks.h"

namespace lab02 {
namespace {

// Rendezvous: meet() returns true once two callers are inside at the same
// time, or false if the partner did not come within `patience`.
class Rendezvous {
 public:
  explicit Rendezvous(std::chrono::seconds patience) : patience_(patience) {}

  bool meet() {
    std::unique_lock lock(mu_);
    if (met_) return true;
    if (++inside_ >= 2) {
      met_ = true;
      cv_.notify_all();
      return true;
    }
    cv_.wait_for(lock, patience_, [&] { return met_; });
    --inside_;
    gave_up_ = !met_;
    return met_;
  }
  bool met() {
    std::lock_guard lock(mu_);
    return met_;
  }
  bool gave_up() {
    std::lock_guard lock(mu_);
    return gave_up_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::chrono::seconds patience_;
  int inside_ = 0;
  bool met_ = false;
  bool gave_up_ = false;
};

std::int64_t work(int chunk) {
  std::int64_t x = chunk;
  for (int i = 0; i < 1000; ++i) x = (x * 1103515245 + 12345) % 2147483648;
  return x % 1000;
}

// Tests that two threads' native kernels really run at the same time.
TEST(RunChunksTest, KernelsOverlapInTime) {
  safelab::gil::Gil gil;
  Rendezvous rendezvous(std::chrono::seconds(4));
  const std::int64_t total = run_chunks(gil, 2, 8, [&](int chunk) {
    // Only the first kernels wait; once they met (or gave up), run freely.
    if (!rendezvous.met() && !rendezvous.gave_up()) rendezvous.meet();
    return work(chunk);
  });
  EXPECT_TRUE(rendezvous.met())
      << "the kernels never ran at the same time: each waited for a partner that could not "
         "enter while the GIL was held";
  std::int64_t expected = 0;
  for (int c = 0; c < 8; ++c) expected += work(c);
  EXPECT_EQ(total, expected);
}

// Tests that the sum is right for any thread count, including more threads
// than chunks and no chunks at all.
TEST(RunChunksTest, SumIsRight) {
  safelab::gil::Gil gil;
  for (int threads : {1, 3, 16}) {
    std::int64_t expected = 0;
    for (int c = 0; c < 10; ++c) expected += work(c);
    EXPECT_EQ(run_chunks(gil, threads, 10, work), expected) << threads << " threads";
  }
  EXPECT_EQ(run_chunks(gil, 2, 0, work), 0);
}

}  // namespace
}  // namespace lab02
