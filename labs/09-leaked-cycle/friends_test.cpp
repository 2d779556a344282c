// Lab 09's checks: the counts are right, and the asan build (with
// LeakSanitizer) finds nothing left allocated when the program ends.
#include <gtest/gtest.h>

#include "friends.h"

namespace lab09 {
namespace {

// Tests a triangle with a tail: 0-1-2 all friends, 3 friends with 2 only.
TEST(MutualFriendshipsTest, TriangleWithTail) {
  const std::vector<std::string> people{"ada", "grace", "barbara", "frances"};
  const auto counts = mutual_friendships(people, {{0, 1}, {1, 2}, {2, 0}, {2, 3}});
  EXPECT_EQ(counts, (std::vector<std::size_t>{1, 1, 1, 0}));
}

// Tests people without friends, and nobody at all.
TEST(MutualFriendshipsTest, Loners) {
  EXPECT_EQ(mutual_friendships({"a", "b"}, {}), (std::vector<std::size_t>{0, 0}));
  EXPECT_TRUE(mutual_friendships({}, {}).empty());
}

}  // namespace
}  // namespace lab09
