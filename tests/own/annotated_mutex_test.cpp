// Tests of the annotated mutexes, LockGuard and CondVar.
#include "safelab/own/annotated_mutex.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "safelab/own/cond_var.h"

namespace safelab::own {
namespace {

using namespace std::chrono_literals;

// A counter whose field the analysis checks under Clang.
class Counter {
 public:
  void add(int n) ABSL_LOCKS_EXCLUDED(mu_) {
    LockGuard hold(mu_);
    value_ += n;
  }
  int get() const ABSL_LOCKS_EXCLUDED(mu_) {
    LockGuard hold(mu_);
    return value_;
  }

 private:
  mutable AnnotatedMutex mu_;
  int value_ ABSL_GUARDED_BY(mu_) = 0;
};

// Tests that LockGuard serialises increments from two threads.
TEST(OwnAnnotatedMutexTest, LockGuardSerialisesUpdates) {
  Counter c;
  {
    std::jthread a([&] {
      for (int i = 0; i < 20000; ++i) c.add(1);
    });
    std::jthread b([&] {
      for (int i = 0; i < 20000; ++i) c.add(2);
    });
  }
  EXPECT_EQ(c.get(), 60000);
}

// Tests that try_lock fails while another thread holds the mutex, and
// succeeds once it is released.
TEST(OwnAnnotatedMutexTest, TryLockReflectsOwnership) {
  AnnotatedMutex mu;
  mu.lock();
  bool got = false;
  std::thread([&] {
    if (mu.try_lock()) {
      got = true;
      mu.unlock();
    }
  }).join();
  EXPECT_FALSE(got);
  mu.unlock();
  std::thread([&] {
    if (mu.try_lock()) {
      got = true;
      mu.unlock();
    }
  }).join();
  EXPECT_TRUE(got);
}

// Tests that a timed mutex gives up when another thread keeps it.
TEST(OwnAnnotatedMutexTest, TimedTryLockGivesUp) {
  AnnotatedTimedMutex mu;
  mu.lock();
  bool got = false;
  std::thread([&] {
    if (mu.try_lock_for(5ms)) {
      got = true;
      mu.unlock();
    }
  }).join();
  mu.unlock();
  EXPECT_FALSE(got);
}

// Tests that the shared mutex admits two readers at once but no writer.
TEST(OwnAnnotatedMutexTest, SharedMutexAdmitsReadersNotWriters) {
  AnnotatedSharedMutex mu;
  mu.lock_shared();
  bool reader = false;
  bool writer = false;
  std::thread([&] {
    if (mu.try_lock_shared()) {
      reader = true;
      mu.unlock_shared();
    }
    if (mu.try_lock()) {
      writer = true;
      mu.unlock();
    }
  }).join();
  mu.unlock_shared();
  EXPECT_TRUE(reader);
  EXPECT_FALSE(writer);
}

// Tests that CondVar::wait releases the mutex and wakes on notify.
TEST(OwnCondVarTest, WaitWakesOnNotify) {
  AnnotatedMutex mu;
  CondVar cv;
  bool ready = false;
  std::jthread setter([&] {
    {
      LockGuard hold(mu);
      ready = true;
    }
    cv.notify_all();
  });
  LockGuard hold(mu);
  while (!ready) cv.wait(mu);
  EXPECT_TRUE(ready);
}

// Tests that wait_until reports a deadline that passed without a notify.
TEST(OwnCondVarTest, WaitUntilTimesOut) {
  AnnotatedMutex mu;
  CondVar cv;
  LockGuard hold(mu);
  const auto deadline = std::chrono::steady_clock::now() + 2ms;
  bool notified = true;
  while (std::chrono::steady_clock::now() < deadline) notified = cv.wait_until(mu, deadline);
  EXPECT_FALSE(notified);
}

}  // namespace
}  // namespace safelab::own
