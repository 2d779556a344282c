// Tests of RefCell's borrow rules: many readers or one writer, conflicts
// as error values (try_) or panics, and guards that release on scope exit.
#include "safelab/mem/refcell.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using safelab::mem::BorrowError;
using safelab::mem::RefCell;

// Tests that any number of shared borrows may coexist and read the value.
TEST(RefCellTest, SharedBorrowsCoexist) {
  const RefCell<std::string> cell("hello");
  auto a = cell.borrow();
  auto b = cell.borrow();
  auto c = b;  // NOLINT(performance-unnecessary-copy-initialization): a copy is one more borrow
  EXPECT_EQ(*a, "hello");
  EXPECT_EQ(c->size(), 5u);
  EXPECT_EQ(cell.borrow_count(), 3);
}

// Tests that a mutable borrow is refused while a shared one is alive, with
// Rust's BorrowMutError, and granted once it is gone.
TEST(RefCellTest, MutableBorrowConflictsWithSharedBorrow) {
  RefCell<std::vector<int>> cell;
  {
    auto reader = cell.borrow();
    auto writer = cell.try_borrow_mut();
    ASSERT_FALSE(writer.has_value());
    EXPECT_EQ(writer.error().kind, BorrowError::Kind::already_borrowed);
    EXPECT_EQ(writer.error().message(), "already borrowed: BorrowMutError");
  }
  auto writer = cell.try_borrow_mut();
  ASSERT_TRUE(writer.has_value());
  (*writer)->push_back(42);
  EXPECT_EQ(cell.borrow_count(), -1);
}

// Tests that a shared borrow is refused while a mutable one is alive, with
// Rust's BorrowError, and that a second mutable borrow is refused too.
TEST(RefCellTest, SharedBorrowConflictsWithMutableBorrow) {
  RefCell<int> cell(1);
  auto writer = cell.borrow_mut();
  *writer = 2;
  auto reader = cell.try_borrow();
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().kind, BorrowError::Kind::already_mutably_borrowed);
  EXPECT_EQ(reader.error().message(), "already mutably borrowed: BorrowError");
  EXPECT_FALSE(cell.try_borrow_mut().has_value());
}

// Tests that moving a RefMut transfers the borrow (released once, by the
// final owner) and that replace() swaps the value under a borrow.
TEST(RefCellTest, MovedGuardReleasesOnceAndReplaceWorks) {
  RefCell<int> cell(5);
  {
    auto first = cell.borrow_mut();
    auto second = std::move(first);
    *second += 1;
    EXPECT_EQ(cell.borrow_count(), -1);
  }
  EXPECT_EQ(cell.borrow_count(), 0);
  EXPECT_EQ(cell.replace(10), 6);
  EXPECT_EQ(*cell.borrow(), 10);
}

// Tests mutation through a const cell: interior mutability, checked.
TEST(RefCellTest, InteriorMutabilityThroughConstReference) {
  const RefCell<std::vector<int>> cell;
  const auto push = [](const RefCell<std::vector<int>>& c, int v) { c.borrow_mut()->push_back(v); };
  push(cell, 1);
  push(cell, 2);
  EXPECT_EQ(cell.borrow()->size(), 2u);
}

class RefCellDeathTest : public testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// Tests that borrow_mut() on a borrowed cell panics with Rust's message.
TEST_F(RefCellDeathTest, BorrowMutWhileBorrowedPanics) {
  RefCell<int> cell(0);
  EXPECT_DEATH(
      {
        auto reader = cell.borrow();
        auto writer = cell.borrow_mut();  // panics here
      },
      "safelab panic: already borrowed: BorrowMutError");
}

// Tests that borrow() during a mutable borrow panics with Rust's message.
TEST_F(RefCellDeathTest, BorrowWhileMutablyBorrowedPanics) {
  RefCell<int> cell(0);
  EXPECT_DEATH(
      {
        auto writer = cell.borrow_mut();
        auto reader = cell.borrow();  // panics here
      },
      "already mutably borrowed: BorrowError");
}

// Tests that unwrapping a failed try_borrow_mut() panics with its error.
TEST_F(RefCellDeathTest, ValueOfFailedBorrowPanics) {
  RefCell<int> cell(0);
  EXPECT_DEATH(
      {
        auto reader = cell.borrow();
        auto result = cell.try_borrow_mut();
        *result.value() = 1;
      },
      "already borrowed: BorrowMutError");
}

}  // namespace
