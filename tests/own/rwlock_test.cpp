// Tests of RwLock<T>: shared readers, exclusive writers, poisoning by
// writers only, and the invariant under a read-mostly load.
#include "safelab/own/rwlock.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace safelab::own {
namespace {

using namespace std::chrono_literals;

template <class L>
bool can_read_elsewhere(const L& lock) {
  bool got = false;
  std::thread([&] { got = lock.try_read().has_value(); }).join();
  return got;
}
template <class L>
bool can_write_elsewhere(L& lock) {
  bool got = false;
  std::thread([&] { got = lock.try_write().has_value(); }).join();
  return got;
}
template <class L>
void poison_by_writer(L& lock) {
  try {
    auto guard = lock.write();
    throw std::runtime_error("writer fails");
  } catch (const std::runtime_error&) {
  }
}

// Tests that the read guard gives const access only.
TEST(OwnRwLockTest, ReadGuardIsConst) {
  using Ref = decltype(*std::declval<RwLockReadGuard<int>&>());
  EXPECT_TRUE((std::is_same_v<Ref, const int&>));
  using WRef = decltype(*std::declval<RwLockWriteGuard<int>&>());
  EXPECT_TRUE((std::is_same_v<WRef, int&>));
}

// Tests that readers share the lock and exclude writers.
TEST(OwnRwLockTest, ReadersShareAndExcludeWriters) {
  RwLock<std::string> lock(std::string("v"));
  auto reader = lock.read();
  EXPECT_EQ(*reader, "v");
  EXPECT_TRUE(can_read_elsewhere(lock));
  EXPECT_FALSE(can_write_elsewhere(lock));
  reader.unlock();
  EXPECT_TRUE(can_write_elsewhere(lock));
}

// Tests that a writer excludes readers and other writers.
TEST(OwnRwLockTest, WriterExcludesEveryone) {
  RwLock<int> lock;
  {
    auto writer = lock.write();
    *writer = 9;
    EXPECT_FALSE(can_read_elsewhere(lock));
    EXPECT_FALSE(can_write_elsewhere(lock));
  }
  EXPECT_EQ(*lock.read(), 9);
}

// Tests the timed forms: they give up while the other mode is held.
TEST(OwnRwLockTest, TimedFormsGiveUp) {
  RwLock<int> lock;
  auto writer = lock.write();
  bool got_read = true;
  bool got_write = true;
  std::thread([&] {
    got_read = lock.try_read_for(2ms).has_value();
    got_write = lock.try_write_for(2ms).has_value();
  }).join();
  EXPECT_FALSE(got_read);
  EXPECT_FALSE(got_write);
  writer.unlock();
  EXPECT_TRUE(lock.try_write_for(2ms).has_value());
  EXPECT_TRUE(lock.try_read_for(2ms).has_value());
}

// Tests with_read() and with_write().
TEST(OwnRwLockTest, WithReadAndWithWrite) {
  RwLock<std::vector<int>> lock;
  lock.with_write([](std::vector<int>& v) { v = {1, 2, 3}; });
  EXPECT_EQ(lock.with_read([](const std::vector<int>& v) { return v.size(); }), 3u);
}

// Tests that only a writer's exception poisons, and how poisoning is
// reported and cleared.
TEST(OwnRwLockTest, WriterExceptionPoisonsReaderExceptionDoesNot) {
  RwLock<int> lock(1);
  try {
    auto reader = lock.read();
    throw std::runtime_error("reader fails");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(lock.is_poisoned());

  poison_by_writer(lock);
  EXPECT_TRUE(lock.is_poisoned());
  EXPECT_THROW(static_cast<void>(lock.read()), PoisonError<>);
  EXPECT_THROW(static_cast<void>(lock.write()), PoisonError<>);
  EXPECT_THROW(static_cast<void>(lock.try_read()), PoisonError<>);
  EXPECT_THROW(static_cast<void>(lock.try_write()), PoisonError<>);
  EXPECT_THROW(lock.with_read([](const int& v) { return v; }), PoisonError<>);
  EXPECT_FALSE(lock.read_result().has_value());
  EXPECT_EQ(*lock.write_result().unwrap_or_else(own::into_inner), 1);
  lock.clear_poison();
  EXPECT_EQ(*lock.read(), 1);
}

// Tests that a moved-from read guard refuses access.
TEST(OwnRwLockTest, MovedFromGuardThrows) {
  RwLock<int> lock;
  auto a = lock.read();
  auto b = std::move(a);
  EXPECT_THROW(static_cast<void>(*a), std::logic_error);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(*b, 0);
}

// Tests into_inner() and the nonpoison variant.
TEST(OwnRwLockTest, IntoInnerAndNonpoison) {
  RwLock<std::string> a(std::string("x"));
  EXPECT_EQ(std::move(a).into_inner().value(), "x");
  nonpoison::RwLock<int> b(5);
  poison_by_writer(b);
  EXPECT_EQ(*b.read(), 5);
  EXPECT_EQ(std::move(b).into_inner(), 5);
}

// Tests the invariant under a read-mostly load: readers never see the two
// fields apart while writers update them.
TEST(OwnRwLockStressTest, ReadersNeverSeeTornWrites) {
  RwLock<std::pair<long, long>> lock;
  std::atomic<bool> torn{false};
  constexpr int kWriters = 2;
  constexpr int kWrites = 5000;
  {
    std::vector<std::jthread> threads;
    for (int r = 0; r < 2; ++r) {
      threads.emplace_back([&] {
        for (int i = 0; i < 4 * kWrites; ++i) {
          auto g = lock.read();
          if (g->first != g->second) torn = true;
        }
      });
    }
    for (int w = 0; w < kWriters; ++w) {
      threads.emplace_back([&] {
        for (int i = 0; i < kWrites; ++i) {
          auto g = lock.write();
          ++g->first;
          ++g->second;
        }
      });
    }
  }
  EXPECT_FALSE(torn.load());
  EXPECT_EQ(lock.read()->first, kWriters * kWrites);
}

}  // namespace
}  // namespace safelab::own
