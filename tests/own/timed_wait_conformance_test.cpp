// Conformance tests of own's timed waits against Rust's: a timeout too long
// for the clock waits instead of giving up (Rust's recv_timeout falls back to
// recv()), and every deadline is measured on a monotonic clock (Rust's
// Instant). Under the asan preset (UBSan on) the saturation tests also prove
// that no deadline arithmetic overflows.
#include <gtest/gtest.h>

#include <chrono>
#include <latch>
#include <optional>
#include <thread>
#include <type_traits>

#include "safelab/own/annotated_mutex.h"
#include "safelab/own/channel.h"
#include "safelab/own/cond_var.h"
#include "safelab/own/internal/deadline.h"
#include "safelab/own/mutex.h"
#include "safelab/own/rwlock.h"

namespace safelab::own {
namespace {

using namespace std::chrono_literals;
using std::chrono::seconds;
using std::chrono::steady_clock;

// How long a helper thread holds a lock or delays a message: long enough
// that the waiter is already waiting, short enough for a unit test.
constexpr auto kDelay = 20ms;

// Tests that every timed wait measures on a monotonic clock. Rust,
// std::time::Instant: "A measurement of a monotonically nondecreasing clock."
TEST(OwnTimedWaitConformanceTest, DeadlinesUseTheSteadyClock) {
  static_assert(std::is_same_v<internal::TimedWaitClock, steady_clock>);
  static_assert(std::is_same_v<decltype(internal::deadline_after(1s)),
                               std::optional<steady_clock::time_point>>);
  // CondVar::wait_until takes a steady deadline and refuses a wall-clock one.
  static_assert(std::is_invocable_r_v<bool, decltype(&CondVar::wait_until), CondVar&,
                                      AnnotatedMutex&, steady_clock::time_point>);
  static_assert(!std::is_invocable_v<decltype(&CondVar::wait_until), CondVar&, AnnotatedMutex&,
                                     std::chrono::system_clock::time_point>);
  SUCCEED();
}

// Tests that a deadline that does not fit the clock saturates to "none"
// instead of overflowing (UBSan under the asan preset reports the overflow
// the old `now() + timeout` made). Rust's recv_timeout:
// `match Instant::now().checked_add(timeout) { Some(deadline) =>
// self.recv_deadline(deadline), None => self.recv().map_err(..) }`.
TEST(OwnTimedWaitConformanceTest, DeadlineThatDoesNotFitSaturates) {
  EXPECT_FALSE(internal::deadline_after(seconds::max()).has_value());
  EXPECT_FALSE(internal::deadline_after(std::chrono::nanoseconds::max()).has_value());
  EXPECT_FALSE(internal::deadline_after(std::chrono::hours::max()).has_value());
  EXPECT_FALSE(internal::deadline_after(std::chrono::duration<double>(1e300)).has_value());
  // A unit finer than the clock's is compared in the clock's unit: fits.
  EXPECT_TRUE(
      internal::deadline_after(std::chrono::duration<long long, std::pico>::max()).has_value());
  const auto before = steady_clock::now();
  const auto hour = internal::deadline_after(1h);
  ASSERT_TRUE(hour.has_value());
  EXPECT_GE(*hour, before + 1h);
  const auto past = internal::deadline_after(-seconds::max());
  ASSERT_TRUE(past.has_value());
  EXPECT_LE(*past, steady_clock::now());
}

// Tests that recv_for(seconds::max()) waits for a message sent later. Rust,
// Receiver::recv_timeout: "Attempts to wait for a value on this receiver,
// returning an error if the corresponding channel has hung up, or if it
// waits more than timeout" -- and Duration::MAX does not fit an Instant, so
// it waits as recv() does.
TEST(OwnTimedWaitConformanceTest, RecvForMaxWaitsForALateMessage) {
  auto [tx, rx] = channel<int>();
  std::jthread sender([tx = std::move(tx)]() mutable {
    std::this_thread::sleep_for(kDelay);
    EXPECT_TRUE(tx.send(42).has_value());
  });
  const auto started = steady_clock::now();
  auto r = rx.recv_for(seconds::max());
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(*r, 42);
  EXPECT_GE(steady_clock::now() - started, kDelay / 2);
}

// Tests that recv_for(seconds::max()) reports disconnection once the last
// sender leaves. Rust, recv_timeout: "returning an error if the
// corresponding channel has hung up".
TEST(OwnTimedWaitConformanceTest, RecvForMaxEndsWhenSendersLeave) {
  auto [tx, rx] = channel<int>();
  std::jthread leaver([tx = std::move(tx)]() mutable {
    std::this_thread::sleep_for(kDelay);
    auto gone = std::move(tx);
  });
  EXPECT_EQ(rx.recv_for(seconds::max()), err::Err(RecvTimeoutError::kDisconnected));
}

// Tests that try_lock_for(seconds::max()) takes the lock once its holder
// releases it, as parking_lot's try_lock_for (its to_deadline falls back to
// an untimed lock when the deadline overflows an Instant). The holder locks
// and unlocks on its own thread: a guard must die where it was made.
TEST(OwnTimedWaitConformanceTest, TryLockForMaxAcquiresAfterRelease) {
  Mutex<int> m;
  std::latch locked(1);
  std::jthread holder([&] {
    auto g = m.lock();
    locked.count_down();
    std::this_thread::sleep_for(kDelay);
  });
  locked.wait();
  auto guard = m.try_lock_for(seconds::max());
  ASSERT_TRUE(guard.has_value());
  **guard = 1;
}

// Tests the RwLock timed tries with a timeout past the clock's end: both
// wait for the writer to leave.
TEST(OwnTimedWaitConformanceTest, RwLockTimedTriesWithMaxWait) {
  RwLock<int> lock;
  std::latch locked(1);
  std::jthread holder([&] {
    auto w = lock.write();
    locked.count_down();
    std::this_thread::sleep_for(kDelay);
  });
  locked.wait();
  {
    auto r = lock.try_read_for(seconds::max());
    ASSERT_TRUE(r.has_value());
  }
  auto w = lock.try_write_for(std::chrono::nanoseconds::max());
  ASSERT_TRUE(w.has_value());
}

// Tests that a finite timed wait still gives up, on the steady clock.
TEST(OwnTimedWaitConformanceTest, FiniteTimeoutStillGivesUp) {
  Mutex<int> m;
  auto held = m.lock();
  bool got = true;
  std::thread([&] { got = m.try_lock_for(2ms).has_value(); }).join();
  EXPECT_FALSE(got);
  auto [tx, rx] = channel<int>();
  EXPECT_EQ(rx.recv_for(2ms), err::Err(RecvTimeoutError::kTimeout));
}

}  // namespace
}  // namespace safelab::own
