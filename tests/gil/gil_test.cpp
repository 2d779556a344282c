// Tests of the GIL model's invariants. Every test orders threads with
// counters, flags and Gil::waiters(), never with sleeps or time limits: the
// only clock involved is the model's own switch interval.
#include "safelab/gil/gil.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace safelab::gil {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;

// Spins (yielding) until `done()`; the tests' only way to wait for another
// thread to reach a state. A broken model makes the test hang, and ctest's
// timeout reports it, rather than a guessed deadline failing a slow machine.
template <class Pred>
void wait_until(Pred done) {
  while (!done()) std::this_thread::yield();
}

// Tests that a lone thread holds the GIL, never sees a drop request and
// counts one acquisition (CPython also counts the first take as a switch).
TEST(GilTest, LoneThreadHoldsWithoutDropRequests) {
  Gil gil;
  {
    ThreadState ts(gil, "main");
    EXPECT_TRUE(ts.holds_gil());
    int switched = 0;
    for (int i = 0; i < 100'000; ++i) switched += ts.tick() ? 1 : 0;
    EXPECT_EQ(switched, 0);
  }
  const GilStats s = gil.stats();
  EXPECT_EQ(s.switches, 1u);
  EXPECT_EQ(s.drop_requests, 0u);
  EXPECT_EQ(s.forced_switches, 0u);
  EXPECT_EQ(s.handoffs, 0u) << "a take with nobody to wait for is not a hand-off";
  EXPECT_EQ(s.max_holders, 1);
  ASSERT_EQ(s.threads.size(), 1u);
  EXPECT_EQ(s.threads[0].name, "main");
  EXPECT_EQ(s.threads[0].acquisitions, 1u);
  EXPECT_EQ(s.threads[0].wait_time.count(), 0);
}

// Tests that at most one thread runs "Python code" at a time, with switches
// forced by a short interval and voluntary releases around blocking calls.
// The plain counter is also what ThreadSanitizer checks: the GIL must order
// every holder's accesses after the previous holder's.
TEST(GilTest, OneHolderAtATime) {
  Gil gil(microseconds(50));
  constexpr int kThreads = 4;
  constexpr int kIterations = 20'000;
  std::atomic<int> inside{0};
  std::atomic<int> most_inside{0};
  long long plain_counter = 0;  // guarded by the GIL only
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        ThreadState ts(gil);
        for (int i = 0; i < kIterations; ++i) {
          const int now = inside.fetch_add(1) + 1;
          int seen = most_inside.load();
          while (now > seen && !most_inside.compare_exchange_weak(seen, now)) {
          }
          ++plain_counter;
          inside.fetch_sub(1);
          ts.tick();
          if (i % 1000 == 0) {
            AllowThreads allow(ts);  // a "blocking call"
          }
        }
      });
    }
  }
  EXPECT_EQ(most_inside.load(), 1);
  EXPECT_EQ(plain_counter, static_cast<long long>(kThreads) * kIterations);
  const GilStats s = gil.stats();
  EXPECT_EQ(s.max_holders, 1) << "the model's own count of threads past take_gil";
  ASSERT_EQ(s.threads.size(), static_cast<std::size_t>(kThreads));
  for (const ThreadStats& t : s.threads) EXPECT_GE(t.acquisitions, 1u + kIterations / 1000);
}

// Tests the parallel_sum/python pattern (CPU-bound threads that only
// tick()) under sustained forced switching: the GIL changes hands many
// times, always through a drop request, and the model never counts two
// threads past take_gil at once. The threads stop after a number of forced
// drops, not after a time, so the outcome does not depend on the machine:
// a model that never forced a switch would hang here and time out.
TEST(GilTest, ForcedSwitchingNeverLetsTwoThreadsInterpret) {
  Gil gil(microseconds(50));
  constexpr int kThreads = 2;
  constexpr int kForcedDrops = 200;
  std::atomic<int> forced{0};  // tick() returned true, summed over threads
  std::atomic<int> inside{0};
  std::atomic<int> most_inside{0};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        ThreadState ts(gil);
        while (forced.load(std::memory_order_relaxed) < kForcedDrops) {
          const int now = inside.fetch_add(1) + 1;
          int seen = most_inside.load();
          while (now > seen && !most_inside.compare_exchange_weak(seen, now)) {
          }
          inside.fetch_sub(1);
          if (ts.tick()) forced.fetch_add(1, std::memory_order_relaxed);
        }
      });
    }
  }
  const GilStats s = gil.stats();
  EXPECT_EQ(most_inside.load(), 1);
  EXPECT_EQ(s.max_holders, 1);
  EXPECT_GE(s.drop_requests, static_cast<std::uint64_t>(kForcedDrops));
  // Every forced drop hands the GIL to the other thread (forced switching),
  // which had been waiting for it: each is a switch and a measured hand-off.
  EXPECT_GE(s.switches, static_cast<std::uint64_t>(kForcedDrops));
  EXPECT_GE(s.handoffs, static_cast<std::uint64_t>(kForcedDrops));
  EXPECT_GT(s.handoff_time.count(), 0);
}

// Tests the heart of the new GIL: a waiter whose timed wait expires sets a
// drop request; the holder keeps the GIL until its next eval-breaker check;
// there it drops the GIL and, forced switching, cannot return from tick()
// before the waiter has really run.
TEST(GilTest, DropRequestAfterIntervalForcesSwitchAtTick) {
  Gil gil(milliseconds(1));
  ThreadState main_ts(gil, "holder");
  std::atomic<bool> waiter_ran{false};
  std::jthread waiter([&] {
    ThreadState ts(gil, "waiter");
    waiter_ran = true;
  });

  wait_until([&] { return gil.waiters() == 1; });
  // The holder does not tick: the waiter's interval runs out, it asks.
  wait_until([&] { return gil.drop_requested(); });
  GilStats s = gil.stats();
  EXPECT_GE(s.drop_requests, 1u);
  EXPECT_EQ(s.switches, 1u) << "a drop request must not take the GIL from a thread";
  EXPECT_FALSE(waiter_ran.load());
  EXPECT_TRUE(main_ts.holds_gil());

  // The eval-breaker check hands the GIL over and returns only after the
  // waiter held it (it sets waiter_ran before its ThreadState drops it).
  // That is forced switching: the dropper may not race the waiter back to
  // the lock. Whether the dropper had to sleep on switch_cond for it (the
  // forced_switches counter) depends on which thread the OS runs first, so
  // it is not asserted.
  EXPECT_TRUE(main_ts.tick());
  EXPECT_TRUE(waiter_ran.load()) << "tick() re-took the GIL before the waiter got it";
  EXPECT_FALSE(gil.drop_requested()) << "the new holder resets the request";

  s = gil.stats();
  EXPECT_EQ(s.switches, 3u);  // holder, waiter, holder again
  ASSERT_EQ(s.threads.size(), 2u);
  EXPECT_EQ(s.threads[0].forced_drops, 1u);
  EXPECT_GE(s.threads[1].drop_requests, 1u);
  EXPECT_GT(s.threads[1].wait_time.count(), 0);
}

// Tests that AllowThreads releases the GIL around a blocking call so that
// another thread runs meanwhile, with no drop request needed: the interval
// is an hour, so no waiter can time out during the test.
TEST(GilTest, AllowThreadsLetsAnotherThreadRun) {
  Gil gil(hours(1));
  ThreadState main_ts(gil, "blocking");
  std::promise<void> other_ran;
  std::future<void> ran = other_ran.get_future();
  std::jthread other([&] {
    ThreadState ts(gil, "other");  // blocks until main releases the GIL
    other_ran.set_value();
  });
  wait_until([&] { return gil.waiters() == 1; });
  {
    AllowThreads allow(main_ts);
    EXPECT_FALSE(main_ts.holds_gil());
    ran.wait();  // the "blocking call": needs the other thread to run
  }
  EXPECT_TRUE(main_ts.holds_gil());
  const GilStats s = gil.stats();
  EXPECT_EQ(s.drop_requests, 0u);
  EXPECT_EQ(s.forced_switches, 0u);
  EXPECT_GE(s.switches, 2u);
}

// Tests Gil::held_by_this_thread() against PyGILState_Check()'s documented
// contract (Python C API, "Thread State and the Global Interpreter Lock"):
// "Return 1 if the current thread is holding the GIL and 0 otherwise. This
// function can be called from any thread at any time." So: false before a
// thread state exists, true while it holds the GIL, false inside
// Py_BEGIN_ALLOW_THREADS, false on a thread that has none, and per
// interpreter (another Gil's state does not count).
TEST(GilTest, HeldByThisThreadIsPyGILStateCheck) {
  Gil gil(hours(1));
  Gil other_gil(hours(1));
  EXPECT_FALSE(gil.held_by_this_thread());
  {
    ThreadState ts(gil);
    EXPECT_TRUE(gil.held_by_this_thread());
    EXPECT_FALSE(other_gil.held_by_this_thread());
    {
      AllowThreads allow(ts);
      EXPECT_FALSE(gil.held_by_this_thread());
      bool seen_elsewhere = true;
      std::jthread([&] { seen_elsewhere = gil.held_by_this_thread(); }).join();
      EXPECT_FALSE(seen_elsewhere) << "another thread does not hold this thread's GIL";
    }
    EXPECT_TRUE(gil.held_by_this_thread());
    bool seen_elsewhere = true;
    std::jthread([&] { seen_elsewhere = gil.held_by_this_thread(); }).join();
    EXPECT_FALSE(seen_elsewhere);
  }
  EXPECT_FALSE(gil.held_by_this_thread());
}

// Tests that a waiter woken by a voluntary release takes the GIL without
// the holder having been asked to drop it, so the switch counts but no drop
// request or forced switch does.
TEST(GilTest, HandOffOnReleaseCountsSwitchOnly) {
  Gil gil(hours(1));
  std::atomic<bool> second_holds{false};
  std::optional<ThreadState> first;
  first.emplace(gil, "first");
  std::jthread second([&] {
    ThreadState ts(gil, "second");
    second_holds = true;
  });
  wait_until([&] { return gil.waiters() == 1; });
  first.reset();  // drops the GIL; the waiter takes it
  second.join();
  EXPECT_TRUE(second_holds.load());
  const GilStats s = gil.stats();
  EXPECT_EQ(s.switches, 2u);
  EXPECT_EQ(s.drop_requests, 0u);
  EXPECT_EQ(s.forced_switches, 0u);
  // The waiter's wake-up is the one hand-off, timed from the release.
  EXPECT_EQ(s.handoffs, 1u);
  EXPECT_GT(s.handoff_time.count(), 0);
  EXPECT_EQ(s.max_holders, 1);
}

// Tests the switch interval's accessors and that a non-positive interval is
// rejected with an exception.
TEST(GilTest, SwitchIntervalIsSettableAndValidated) {
  Gil gil;
  EXPECT_EQ(gil.switch_interval(), milliseconds(5));
  gil.set_switch_interval(microseconds(500));
  EXPECT_EQ(gil.switch_interval(), microseconds(500));
  EXPECT_THROW(gil.set_switch_interval(microseconds(0)), std::invalid_argument);
  EXPECT_THROW(gil.set_switch_interval(microseconds(-3)), std::invalid_argument);
  EXPECT_EQ(gil.switch_interval(), microseconds(500));
  EXPECT_THROW(Gil bad(microseconds(0)), std::invalid_argument);
}

// Tests that ThreadStates on one OS thread may hold different Gils at once
// (sub-interpreters) and get ids in creation order.
TEST(GilTest, ThreadStatesOfDifferentGilsNest) {
  Gil a;
  Gil b;
  ThreadState in_a(a);
  ThreadState in_b(b);
  EXPECT_TRUE(in_a.holds_gil());
  EXPECT_TRUE(in_b.holds_gil());
  EXPECT_EQ(in_a.id(), 1u);
  EXPECT_EQ(in_b.id(), 1u);
  EXPECT_EQ(&in_a.gil(), &a);
}

// Tests that misuse which would deadlock or corrupt the model is a fatal
// error naming the mistake.
TEST(GilDeathTest, SecondThreadStateOnOneThreadDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Gil gil;
        ThreadState first(gil);
        ThreadState second(gil);
      },
      "second ThreadState for the same Gil");
}

TEST(GilDeathTest, NestedAllowThreadsDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Gil gil;
        ThreadState ts(gil);
        AllowThreads outer(ts);
        AllowThreads inner(ts);
      },
      "does not hold the GIL");
}

TEST(GilDeathTest, DestroyingGilWithLiveThreadDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        auto gil = std::make_unique<Gil>();
        auto ts = std::make_unique<ThreadState>(*gil);
        gil.reset();
      },
      "1 ThreadState\\(s\\) of it are alive");
}

}  // namespace
}  // namespace safelab::gil
