// Tests of Mutex<T>, its guard, poisoning, nonpoison::Mutex<T> and lock_all.
#include "safelab/own/mutex.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace safelab::own {
namespace {

using namespace std::chrono_literals;

// Whether another thread could take `m` right now (and drop it again).
template <class M>
bool free_elsewhere(M& m) {
  bool got = false;
  std::thread([&] { got = m.try_lock().has_value(); }).join();
  return got;
}

// Poisons `m` the way a failing critical section does.
template <class M>
void poison(M& m) {
  try {
    auto guard = m.lock();
    throw std::runtime_error("holder fails");
  } catch (const std::runtime_error&) {
  }
}

// Tests that a guard reaches the data and holds the lock until destroyed.
TEST(OwnMutexTest, GuardHoldsLockUntilDestroyed) {
  Mutex<std::vector<int>> m;
  {
    auto guard = m.lock();
    guard->push_back(7);
    EXPECT_EQ((*guard)[0], 7);
    EXPECT_FALSE(free_elsewhere(m));
  }
  EXPECT_TRUE(free_elsewhere(m));
}

// Tests constructing the data from a value and in place.
TEST(OwnMutexTest, ConstructsFromValueAndInPlace) {
  Mutex<std::string> a(std::string("abc"));
  Mutex<std::string> b(std::in_place, 3, 'x');
  EXPECT_EQ(*a.lock(), "abc");
  EXPECT_EQ(*b.lock(), "xxx");
}

// Tests that with() runs under the lock and returns the callable's result.
TEST(OwnMutexTest, WithReturnsResult) {
  Mutex<int> m(41);
  const int seen = m.with([&](int& v) {
    EXPECT_FALSE(free_elsewhere(m));
    return ++v;
  });
  EXPECT_EQ(seen, 42);
  EXPECT_EQ(*m.lock(), 42);
}

// Tests that try_lock() is empty while another thread holds the lock.
TEST(OwnMutexTest, TryLockEmptyWhileHeldElsewhere) {
  Mutex<int> m;
  auto guard = m.lock();
  std::optional<MutexGuard<int>> other;
  std::thread([&] { other = m.try_lock(); }).join();
  EXPECT_FALSE(other.has_value());
}

// Tests that try_lock_for() gives up on a held lock and succeeds on a free
// one.
TEST(OwnMutexTest, TryLockForTimesOutOrSucceeds) {
  Mutex<int> m(1);
  {
    auto guard = m.lock();
    bool got = true;
    std::thread([&] { got = m.try_lock_for(5ms).has_value(); }).join();
    EXPECT_FALSE(got);
  }
  auto guard = m.try_lock_for(5ms);
  ASSERT_TRUE(guard.has_value());
  EXPECT_EQ(**guard, 1);
}

// Tests that moving a guard moves the lock, and that the moved-from guard
// refuses access instead of touching unlocked data.
TEST(OwnMutexTest, MovedFromGuardThrowsOnAccess) {
  Mutex<int> m(5);
  auto first = m.lock();
  auto second = std::move(first);
  EXPECT_FALSE(first.owns_lock());  // NOLINT(bugprone-use-after-move): the point
  EXPECT_TRUE(second.owns_lock());
  EXPECT_EQ(*second, 5);
  EXPECT_THROW(static_cast<void>(*first), std::logic_error);
}

// Tests that move-assigning a guard releases the lock it held before.
TEST(OwnMutexTest, MoveAssignReleasesPreviousLock) {
  Mutex<int> a;
  Mutex<int> b;
  auto guard = a.lock();
  guard = b.lock();
  EXPECT_TRUE(free_elsewhere(a));
  EXPECT_FALSE(free_elsewhere(b));
}

// Tests that unlock() releases early and leaves an empty guard.
TEST(OwnMutexTest, UnlockReleasesEarly) {
  Mutex<int> m;
  auto guard = m.lock();
  guard.unlock();
  EXPECT_FALSE(guard.owns_lock());
  EXPECT_TRUE(free_elsewhere(m));
  guard.unlock();  // a second unlock is a no-op
  EXPECT_THROW(static_cast<void>(*guard), std::logic_error);
}

// Tests that an exception unwinding a guard poisons the Mutex, and that
// every acquisition then reports it without holding the lock.
TEST(OwnMutexTest, ExceptionPoisonsEveryAcquisition) {
  Mutex<int> m(1);
  EXPECT_FALSE(m.is_poisoned());
  poison(m);
  EXPECT_TRUE(m.is_poisoned());
  EXPECT_THROW(static_cast<void>(m.lock()), PoisonError<>);
  EXPECT_THROW(static_cast<void>(m.try_lock()), PoisonError<>);
  EXPECT_THROW(static_cast<void>(m.try_lock_for(1ms)), PoisonError<>);
  EXPECT_THROW(m.with([](int& v) { return v; }), PoisonError<>);
  // None of the failed acquisitions left the lock held.
  EXPECT_TRUE(m.lock_result().unwrap_or_else(own::into_inner).owns_lock());
}

// Tests that PoisonError says what happened and how to recover.
TEST(OwnMutexTest, PoisonErrorNamesRecovery) {
  Mutex<int> m;
  poison(m);
  try {
    static_cast<void>(m.lock());
    FAIL() << "lock() on a poisoned Mutex must throw";
  } catch (const PoisonError<>& e) {
    EXPECT_NE(std::string(e.what()).find("clear_poison"), std::string::npos) << e.what();
  }
}

// Tests that an exception thrown by with()'s callable poisons the Mutex.
TEST(OwnMutexTest, ThrowingWithPoisons) {
  Mutex<int> m;
  EXPECT_THROW(m.with([](int&) -> int { throw std::runtime_error("x"); }), std::runtime_error);
  EXPECT_TRUE(m.is_poisoned());
}

// Tests lock_result(): an err::Result that reports poisoning as a
// PoisonError holding the guard, which into_inner() hands over, and
// clear_poison() recovers.
TEST(OwnMutexTest, LockResultAndClearPoisonRecover) {
  Mutex<int> m(3);
  EXPECT_TRUE(m.lock_result().has_value());
  poison(m);
  {
    auto result = m.lock_result();
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(*result.error().get_ref(), 3);
    auto guard = std::move(result).error().into_inner();
    EXPECT_EQ(*guard, 3);
    *guard = 4;  // repaired
  }
  m.clear_poison();
  EXPECT_FALSE(m.is_poisoned());
  EXPECT_EQ(*m.lock(), 4);
}

// Tests that a guard made inside a destructor during unwinding does not
// poison: only an exception that escapes the guard's own scope does (Rust
// agrees: own.conformance.rust_poison_output runs the same case in Rust).
TEST(OwnMutexTest, GuardInsideUnwindingDoesNotPoison) {
  Mutex<int> m;
  struct Cleanup {
    Mutex<int>& m;
    ~Cleanup() { *m.lock() += 1; }  // runs during unwinding
  };
  try {
    Cleanup c{m};
    throw std::runtime_error("unrelated");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(m.is_poisoned());
  EXPECT_EQ(*m.lock(), 1);
}

// Records internal::uncaught_exceptions() beside std::uncaught_exceptions()
// from a destructor, and optionally unwinds a nested exception from there.
struct CountProbe {
  int depth_to_nest;
  std::vector<std::pair<int, int>>* seen;
  ~CountProbe() {
    seen->emplace_back(internal::uncaught_exceptions(), std::uncaught_exceptions());
    if (depth_to_nest > 0) {
      try {
        CountProbe inner{depth_to_nest - 1, seen};
        throw std::runtime_error("nested");
      } catch (const std::runtime_error&) {
      }
      seen->emplace_back(internal::uncaught_exceptions(), std::uncaught_exceptions());
    }
  }
};

// Tests that the fast uncaught-exception count the poisoning guard reads
// agrees with std::uncaught_exceptions() at nesting depths 0, 1 and 2, in
// this thread and in a fresh one (whose cached slot starts empty).
TEST(OwnPoisonTest, FastUncaughtCountMatchesStandard) {
  auto check = [] {
    std::vector<std::pair<int, int>> seen;
    seen.emplace_back(internal::uncaught_exceptions(), std::uncaught_exceptions());
    try {
      CountProbe outer{1, &seen};
      throw std::runtime_error("outer");
    } catch (const std::runtime_error&) {
    }
    seen.emplace_back(internal::uncaught_exceptions(), std::uncaught_exceptions());
    // depth 0, in outer's destructor (1), in inner's (2), back in outer's
    // (1), after the catch (0).
    const std::vector<std::pair<int, int>> expected{{0, 0}, {1, 1}, {2, 2}, {1, 1}, {0, 0}};
    EXPECT_EQ(seen, expected);
  };
  check();
  std::thread(check).join();
}

// Tests into_inner() on a healthy and on a poisoned Mutex.
TEST(OwnMutexTest, IntoInnerCarriesPoisonBit) {
  Mutex<std::string> healthy(std::string("ok"));
  EXPECT_EQ(std::move(healthy).into_inner().value(), "ok");

  Mutex<std::string> sick(std::string("half"));
  poison(sick);
  EXPECT_EQ(std::move(sick).into_inner().unwrap_or_else(own::into_inner), "half");
}

// Tests that unwrapping a poisoned LockResult panics, as Rust's does.
TEST(OwnMutexDeathTest, UnwrapOfPoisonedLockResultPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Mutex<int> m(1);
  poison(m);
  EXPECT_DEATH(static_cast<void>(m.lock_result().unwrap()), "poisoned lock");
}

// Tests that nonpoison::Mutex ignores exceptions entirely.
TEST(OwnMutexTest, NonpoisonMutexNeverPoisons) {
  nonpoison::Mutex<int> m(2);
  poison(m);
  EXPECT_EQ(*m.lock(), 2);
  EXPECT_TRUE(m.lock_result().has_value());
  EXPECT_EQ(std::move(m).into_inner(), 2);
}

// Tests that lock_all returns guards in argument order for mixed types.
TEST(OwnLockAllTest, ReturnsGuardsInArgumentOrder) {
  Mutex<int> a(1);
  nonpoison::Mutex<std::string> b(std::string("b"));
  Mutex<double> c(2.5);
  auto [ga, gb, gc] = lock_all(a, b, c);
  EXPECT_EQ(*ga, 1);
  EXPECT_EQ(*gb, "b");
  EXPECT_EQ(*gc, 2.5);
  EXPECT_FALSE(free_elsewhere(a));
  EXPECT_FALSE(free_elsewhere(c));
}

// Tests that two threads locking the same pair in opposite argument order
// neither deadlock nor break the pair's invariant (the bank_transfer fix).
TEST(OwnLockAllTest, OppositeOrdersDoNotDeadlock) {
  Mutex<long> from(1000);
  Mutex<long> to(1000);
  auto transfer = [](Mutex<long>& x, Mutex<long>& y) {
    for (int i = 0; i < 5000; ++i) {
      auto [gx, gy] = lock_all(x, y);
      *gx -= 1;
      *gy += 1;
    }
  };
  {
    std::jthread t1([&] { transfer(from, to); });
    std::jthread t2([&] { transfer(to, from); });
  }
  // Checked through lock_all too: `*from.lock() + *to.lock()` would itself
  // take the two locks in argument order, an inversion TSan reports.
  auto [f, t] = lock_all(from, to);
  EXPECT_EQ(*f + *t, 2000);
  EXPECT_EQ(*f, 1000);
}

// Tests that passing one Mutex twice is refused instead of deadlocking.
TEST(OwnLockAllTest, SameMutexTwiceThrows) {
  Mutex<int> a;
  EXPECT_THROW(static_cast<void>(lock_all(a, a)), std::invalid_argument);
  EXPECT_TRUE(free_elsewhere(a));
}

// Tests that a poisoned member makes lock_all throw and release every lock.
TEST(OwnLockAllTest, PoisonedMemberThrowsAndReleasesAll) {
  Mutex<int> a;
  Mutex<int> b;
  poison(b);
  EXPECT_THROW(static_cast<void>(lock_all(a, b)), PoisonError<>);
  EXPECT_TRUE(free_elsewhere(a));
  b.clear_poison();
  EXPECT_TRUE(free_elsewhere(b));
}

// Tests the Mutex invariant under contention: two fields always updated
// together are never seen apart.
TEST(OwnMutexStressTest, PairInvariantHoldsUnderContention) {
  Mutex<std::pair<long, long>> m;
  std::atomic<bool> torn{false};
  constexpr int kThreads = 4;
  constexpr int kIters = 20000;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kIters; ++i) {
          auto g = m.lock();
          if (g->first != g->second) torn = true;
          ++g->first;
          ++g->second;
        }
      });
    }
  }
  EXPECT_FALSE(torn.load());
  auto g = m.lock();
  EXPECT_EQ(g->first, kThreads * kIters);
  EXPECT_EQ(g->second, kThreads * kIters);
}

}  // namespace
}  // namespace safelab::own
