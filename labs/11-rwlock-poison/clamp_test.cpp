// Lab 11's checks: clamp() applies the limits, readers share the lock, and a
// lock poisoned by a failed update() is noticed and repaired, not read
// through. Run `safelab labs check 11`.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "clamp.h"

namespace lab11 {
namespace {

// Tests that values are clamped to the limits, before and after an update.
TEST(ClampTest, ClampsToTheLimits) {
  ConfigLock config;
  EXPECT_EQ(clamp(config, -5), 0);
  EXPECT_EQ(clamp(config, 50), 50);
  EXPECT_EQ(clamp(config, 500), 100);
  update(config, {10, 20});
  EXPECT_EQ(clamp(config, 5), 10);
  EXPECT_EQ(clamp(config, 30), 20);
}

// Tests that clamp() reads under a shared lock. Rust's RwLock: "This type of
// lock allows a number of readers or at most one writer at any point in
// time." While this thread holds a read guard, clamp() on another thread
// must still finish; a clamp() that takes write() waits for the guard (the
// wait is bounded only so that the failing case ends: nothing is timed).
TEST(ClampTest, ReadersShareTheLock) {
  ConfigLock config;
  auto held = config.read();  // another reader, in the middle of reading
  std::promise<std::int64_t> result;
  std::future<std::int64_t> got = result.get_future();
  std::thread reader([&] { result.set_value(clamp(config, 500)); });
  const bool shared = got.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  held.unlock();  // a clamp() that waits for the write lock can finish now
  reader.join();
  EXPECT_TRUE(shared)
      << "lab 11 teaches readers that share an RwLock: clamp() could not read while "
         "another reader held a read guard (read() to read, write() only to repair)";
  EXPECT_EQ(got.get(), 100);
}

// Tests that a failed update() is noticed and repaired. Rust's RwLock: "An
// RwLock, like Mutex, will become poisoned on a panic. Note, however, that
// an RwLock may only be poisoned if a panic occurs while it is locked
// exclusively (write mode)." And RwLock::clear_poison: "If the lock is
// poisoned, it will remain poisoned until this function is called. This
// allows recovering from a poisoned state and marking that it has
// recovered." Recovered means the half-written limits are gone and the
// lock works again for the writer.
TEST(ClampTest, AFailedUpdateIsRepairedNotReadThrough) {
  ConfigLock config;
  EXPECT_THROW(update(config, {150, 90}), std::invalid_argument);
  ASSERT_TRUE(config.is_poisoned()) << "the premise: a writer that threw poisons the lock";
  std::int64_t got = -1;
  try {
    got = clamp(config, 50);
  } catch (const safelab::own::PoisonError<>&) {
    FAIL() << "lab 11 teaches handling a poisoned lock: clamp() let the PoisonError out (restore "
              "the committed limits under write_result(), then clear_poison())";
  }
  ASSERT_TRUE(got == 50)
      << "lab 11 teaches handling a poisoned lock: clamp() read half-written limits "
         "(restore the committed limits, then clear_poison()): clamp(50) returned "
      << got;
  ASSERT_FALSE(config.is_poisoned())
      << "lab 11 teaches handling a poisoned lock: it is still poisoned after clamp() repaired "
         "it (clear_poison() once the committed limits are back)";
  update(config, {10, 20});  // throws PoisonError if the lock was never cleared
  EXPECT_EQ(clamp(config, 50), 20);
}

// Tests that several readers meeting a poisoned lock at once all get the
// repaired limits (and, in the tsan build, that the repair races with
// nothing).
TEST(ClampTest, ManyReadersAfterAFailedUpdate) {
  ConfigLock config;
  update(config, {10, 20});
  EXPECT_THROW(update(config, {150, 90}), std::invalid_argument);
  std::vector<std::int64_t> wrong(4, 0);
  {
    std::vector<std::jthread> readers;
    for (std::size_t t = 0; t < wrong.size(); ++t) {
      readers.emplace_back([&config, &mine = wrong[t]] {
        for (int i = 0; i < 1000; ++i) {
          if (clamp(config, 15) != 15) ++mine;
        }
      });
    }
  }  // joined
  for (std::int64_t w : wrong) EXPECT_EQ(w, 0) << "clamps that used the half-written limits";
  EXPECT_FALSE(config.is_poisoned());
}

}  // namespace
}  // namespace lab11
