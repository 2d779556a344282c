// Tests of TreeNode: back links follow ownership, detaching clears them,
// and deep trees are freed without deep recursion.
#include "safelab/mem/tree.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using safelab::mem::TreeNode;

// Tests that parent() and depth() follow the owning structure.
TEST(TreeNodeTest, BackLinksFollowOwnership) {
  TreeNode<std::string> root("root");
  TreeNode<std::string>& a = root.add_child("a");
  TreeNode<std::string>& b = a.add_child("b");
  EXPECT_EQ(root.parent(), nullptr);
  EXPECT_EQ(a.parent(), &root);
  EXPECT_EQ(b.parent(), &a);
  EXPECT_EQ(b.depth(), 2u);
  ASSERT_EQ(root.children().size(), 1u);
  EXPECT_EQ(root.children()[0]->value, "a");
}

// Tests that a detached subtree owns itself and has no back link left.
TEST(TreeNodeTest, DetachClearsTheBackLink) {
  TreeNode<int> root(0);
  root.add_child(1);
  root.add_child(2).add_child(3);
  std::unique_ptr<TreeNode<int>> two = root.detach_child(1);
  EXPECT_EQ(two->parent(), nullptr);
  EXPECT_EQ(two->value, 2);
  EXPECT_EQ(two->children()[0]->parent(), two.get());
  EXPECT_EQ(root.children().size(), 1u);
}

// Tests that a chain deeper than any stack is freed (iterative destructor).
TEST(TreeNodeTest, DeepChainIsFreedIteratively) {
  auto root = std::make_unique<TreeNode<int>>(0);
  TreeNode<int>* tip = root.get();
  for (int i = 1; i < 300'000; ++i) tip = &tip->add_child(i);
  EXPECT_EQ(tip->value, 299'999);
  root.reset();  // would overflow the stack if recursive
  SUCCEED();
}

class TreeNodeDeathTest : public testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// Tests that detaching a child that does not exist panics clearly.
TEST_F(TreeNodeDeathTest, DetachOutOfRangePanics) {
  TreeNode<int> root(0);
  EXPECT_DEATH(root.detach_child(0), "detach_child: index out of range");
}

}  // namespace
