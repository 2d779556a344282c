// Tests of own::scope and Scope::spawn: joining, results, exceptions.
#include "safelab/own/scope.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace safelab::own {
namespace {

// Tests that every spawned thread has finished when scope() returns, so
// plain (non-atomic) writes made by them are visible without a race.
TEST(OwnScopeTest, JoinsEveryThreadBeforeReturning) {
  std::vector<int> slots(8, 0);
  scope([&](Scope& s) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      s.spawn([&slots, i] { slots[i] = static_cast<int>(i) + 1; });
    }
  });
  for (std::size_t i = 0; i < slots.size(); ++i) EXPECT_EQ(slots[i], static_cast<int>(i) + 1);
}

// Tests that scope() returns the callable's result.
TEST(OwnScopeTest, ReturnsCallableResult) {
  const std::string r = scope([](Scope&) { return std::string("done"); });
  EXPECT_EQ(r, "done");
}

// Tests that arguments are decay-copied into the thread.
TEST(OwnScopeTest, ArgumentsAreCopiedIn) {
  std::string seen;
  scope([&](Scope& s) {
    std::string local = "copied";
    s.spawn([&seen](std::string arg) { seen = std::move(arg); }, local);
    local = "changed after spawn";
  });
  EXPECT_EQ(seen, "copied");
}

// Tests that a spawned thread may spawn more threads into the same scope,
// and all of them are joined.
TEST(OwnScopeTest, NestedSpawnsAreJoined) {
  std::atomic<int> ran{0};
  scope([&](Scope& s) {
    s.spawn([&] {
      ++ran;
      s.spawn([&] {
        ++ran;
        s.spawn([&] { ++ran; });
      });
    });
  });
  EXPECT_EQ(ran.load(), 3);
}

// Tests that a child's exception is rethrown after every other child has
// run to completion.
TEST(OwnScopeTest, ChildExceptionRethrownAfterAllJoined) {
  std::atomic<int> finished{0};
  try {
    scope([&](Scope& s) {
      s.spawn([] { throw std::runtime_error("child failed"); });
      for (int i = 0; i < 4; ++i) s.spawn([&] { ++finished; });
    });
    FAIL() << "scope() must rethrow the child's exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "child failed");
  }
  EXPECT_EQ(finished.load(), 4);
}

// Tests that every failing child is counted, while only the first
// exception is rethrown.
TEST(OwnScopeTest, CountsEveryFailure) {
  std::size_t observed = 0;
  EXPECT_THROW(scope([&](Scope& s) {
                 for (int i = 0; i < 3; ++i) s.spawn([] { throw std::logic_error("x"); });
                 while (s.failures() < 3) std::this_thread::yield();
                 observed = s.failures();
               }),
               std::logic_error);
  EXPECT_EQ(observed, 3u);
}

// Tests that the callable's own exception wins over a child's, and that
// the children are still joined first.
TEST(OwnScopeTest, CallableExceptionWinsAfterJoin) {
  std::atomic<bool> child_done{false};
  try {
    scope([&](Scope& s) {
      s.spawn([&] {
        child_done = true;
        throw std::logic_error("child");
      });
      throw std::runtime_error("parent");
    });
    FAIL() << "scope() must rethrow";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "parent");
  }
  EXPECT_TRUE(child_done.load());
}

// Tests many scopes with throwing children in a loop (stress under TSan).
TEST(OwnScopeStressTest, ThrowingChildrenRepeatedly) {
  int caught = 0;
  for (int round = 0; round < 200; ++round) {
    std::atomic<int> ok{0};
    try {
      scope([&](Scope& s) {
        s.spawn([&] { ++ok; });
        s.spawn([round] {
          if (round % 2 == 0) throw std::runtime_error("even round");
        });
        s.spawn([&] { ++ok; });
      });
    } catch (const std::runtime_error&) {
      ++caught;
    }
    ASSERT_EQ(ok.load(), 2);
  }
  EXPECT_EQ(caught, 100);
}

}  // namespace
}  // namespace safelab::own
