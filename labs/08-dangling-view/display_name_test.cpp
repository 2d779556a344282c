// Lab 08's checks: both kinds of names come out right, and the asan build
// reports nothing. (The names are long on purpose: a short std::string keeps
// its characters inside itself, and the bug would then read dead stack
// instead of freed heap.)
#include <gtest/gtest.h>

#include "display_name.h"

namespace lab08 {
namespace {

// Tests a user without a nickname: first and last name.
TEST(DisplayNameTest, FirstAndLast) {
  const User user{"Bartholomew-Maximilian", "Featherstonehaugh-Cholmondeley", ""};
  EXPECT_EQ(display_name(user), "[Bartholomew-Maximilian Featherstonehaugh-Cholmondeley]");
}

// Tests a user with a nickname.
TEST(DisplayNameTest, Nickname) {
  const User user{"Margaret", "Hamilton", "the-apollo-guidance-computer-lead"};
  EXPECT_EQ(display_name(user), "[the-apollo-guidance-computer-lead]");
}

}  // namespace
}  // namespace lab08
