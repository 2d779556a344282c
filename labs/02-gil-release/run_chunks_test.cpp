// Lab 02's checks: every result reaches the interpreter, two threads'
// kernels are seen running at the same moment, and the GIL is released
// around the kernel only. Overlap is observed directly (a rendezvous inside
// the kernel), never by timing: a kernel waits for a partner for at most a
// few seconds, which costs nothing when the partner can come in. Where the
// GIL is held is asked of the GIL itself (Gil::held_by_this_thread(), the
// model's PyGILState_Check()), from inside the kernel and the collector.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

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

// The interpreter's side of a run: which chunks came back, with what, and
// where each call stood with respect to the GIL.
struct Observed {
  explicit Observed(int chunks) : results(static_cast<std::size_t>(chunks), -1) {}
  std::vector<std::int64_t> results;  // one slot per chunk: no two calls write one slot
  std::atomic<int> collects{0};
  std::atomic<int> collects_without_gil{0};
  std::atomic<int> kernels_with_gil{0};
};

// Runs run_chunks() with `kernel` wrapped to note whether it holds the GIL,
// and a collector that notes the same and stores the result.
void run_observed(safelab::gil::Gil& gil, int threads, Observed& seen, const Kernel& kernel) {
  const int chunks = static_cast<int>(seen.results.size());
  run_chunks(
      gil, threads, chunks,
      [&](int chunk) {
        if (gil.held_by_this_thread()) ++seen.kernels_with_gil;
        return kernel(chunk);
      },
      [&](int chunk, std::int64_t result) {
        ++seen.collects;
        if (!gil.held_by_this_thread()) ++seen.collects_without_gil;
        if (chunk >= 0 && chunk < chunks) seen.results[static_cast<std::size_t>(chunk)] = result;
      });
}

// Fails the test, in the lab's words, when the GIL checks saw it held or
// released in the wrong place.
void expect_gil_around_kernel_only(const Observed& seen) {
  if (seen.collects_without_gil > 0) {
    ADD_FAILURE() << "lab 02 teaches releasing the GIL around the native kernel only: collect() "
                     "(interpreter state) ran "
                  << seen.collects_without_gil << " time(s) without the GIL; take it back "
                  << "(end the AllowThreads scope) before handing the result over";
  }
  if (seen.kernels_with_gil > 0) {
    ADD_FAILURE() << "the kernel ran " << seen.kernels_with_gil
                  << " time(s) with the GIL held: release it around the native kernel "
                     "(safelab::gil::AllowThreads)";
  }
}

// Tests that two threads' native kernels really run at the same time.
TEST(RunChunksTest, KernelsOverlapInTime) {
  safelab::gil::Gil gil;
  Rendezvous rendezvous(std::chrono::seconds(4));
  Observed seen(8);
  run_observed(gil, 2, seen, [&](int chunk) {
    // Only the first kernels wait; once they met (or gave up), run freely.
    if (!rendezvous.met() && !rendezvous.gave_up()) rendezvous.meet();
    return work(chunk);
  });
  EXPECT_TRUE(rendezvous.met())
      << "the kernels never ran at the same time: each waited for a partner that could not "
         "enter while the GIL was held";
  expect_gil_around_kernel_only(seen);
}

// Tests that the GIL is released around each kernel call and held again
// when the result goes back to the interpreter, for any thread count.
TEST(RunChunksTest, GilReleasedAroundTheKernelOnly) {
  for (int threads : {1, 2, 3}) {
    safelab::gil::Gil gil;
    Observed seen(12);
    run_observed(gil, threads, seen, work);
    expect_gil_around_kernel_only(seen);
  }
}

// Tests that every chunk's result comes back exactly once, for any thread
// count, including more threads than chunks and no chunks at all.
TEST(RunChunksTest, EveryResultCollectedOnce) {
  for (int threads : {1, 3, 16}) {
    safelab::gil::Gil gil;
    Observed seen(10);
    run_observed(gil, threads, seen, work);
    EXPECT_EQ(seen.collects.load(), 10) << threads << " threads";
    for (int c = 0; c < 10; ++c) {
      EXPECT_EQ(seen.results[static_cast<std::size_t>(c)], work(c))
          << "chunk " << c << ", " << threads << " threads";
    }
  }
  safelab::gil::Gil gil;
  Observed none(0);
  run_observed(gil, 2, none, work);
  EXPECT_EQ(none.collects.load(), 0);
}

}  // namespace
}  // namespace lab02
