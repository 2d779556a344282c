// Lab 03's checks: concurrent add_bonus() calls lose no update, and the
// tsan build reports nothing.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "add_bonus.h"

namespace lab03 {
namespace {

// Tests that four threads adding a bonus 50 times each add 200 to every score.
TEST(AddBonusTest, ConcurrentCallsLoseNothing) {
  safelab::own::Mutex<std::vector<int>> scores(std::vector<int>(2000, 0));
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int round = 0; round < 50; ++round) add_bonus(scores, 1);
      });
    }
  }
  const std::vector<int> result = *scores.lock();
  for (std::size_t i = 0; i < result.size(); ++i) {
    ASSERT_EQ(result[i], 200) << "score " << i << " lost updates";
  }
}

// Tests one call on one thread, and an empty list.
TEST(AddBonusTest, SingleCall) {
  safelab::own::Mutex<std::vector<int>> scores(std::vector<int>{1, 2, 3});
  add_bonus(scores, 10);
  EXPECT_EQ(*scores.lock(), (std::vector<int>{11, 12, 13}));
  safelab::own::Mutex<std::vector<int>> empty;
  add_bonus(empty, 5);
  EXPECT_TRUE(empty.lock()->empty());
}

}  // namespace
}  // namespace lab03
