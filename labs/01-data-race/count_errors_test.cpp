// Lab 01's checks. The result must equal a sequential count for any number
// of threads, and the `tsan` build must report nothing: run
// `safelab labs check 01`.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <vector>

#include "count_errors.h"

namespace lab01 {
namespace {

// Overlap: armed by one test, it makes the first calls of is_error() wait
// (a few seconds at most) until a second thread is inside is_error() too.
// Threads that run at the same time meet at once; threads run one after
// the other (joined right after they start) never meet. Observed directly,
// never by timing. Once met (or given up), calls pass through on a relaxed
// load: no synchronisation that would hide the lab's data race from TSan.
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

bool is_error(std::uint32_t code) {
  overlap.enter();
  return code % 3 == 0;
}

namespace {

std::vector<std::uint32_t> make_log(std::size_t n) {
  std::mt19937 gen(7);
  std::vector<std::uint32_t> codes(n);
  for (std::uint32_t& c : codes) c = gen();
  return codes;
}

std::int64_t sequential(const std::vector<std::uint32_t>& codes) {
  return std::count_if(codes.begin(), codes.end(), is_error);
}

// Tests that four threads count exactly what one loop counts.
TEST(CountErrorsTest, MatchesSequentialCount) {
  const auto codes = make_log(400'000);
  EXPECT_EQ(count_errors(codes, 4), sequential(codes));
}

// Tests that the answer does not depend on the number of threads.
TEST(CountErrorsTest, SameAnswerForAnyThreadCount) {
  const auto codes = make_log(50'000);
  for (int threads : {1, 2, 3, 8}) {
    EXPECT_EQ(count_errors(codes, threads), sequential(codes)) << threads << " threads";
  }
}

// Tests that the threads scan their slices at the same time: two of them are
// inside is_error() at once. (Joining each thread right after starting it
// gives the right count with no race, and no parallelism either.)
TEST(CountErrorsTest, ThreadsRunAtTheSameTime) {
  const auto codes = make_log(10'000);
  const std::int64_t want = sequential(codes);  // before arming: one thread alone
  overlap.arm();
  EXPECT_EQ(count_errors(codes, 2), want);
  EXPECT_TRUE(overlap.met())
      << "lab 01 teaches threads that run at the same time: no two threads were ever counting "
         "at once (is each thread joined right after it starts?)";
}

// Tests the edges: an empty log, and more threads than events.
TEST(CountErrorsTest, EmptyLogAndTinyLog) {
  EXPECT_EQ(count_errors({}, 2), 0);
  const std::vector<std::uint32_t> three{3, 4, 6};
  EXPECT_EQ(count_errors(three, 8), 2);
}

}  // namespace
}  // namespace lab01
