// Lab 15's checks: a batch keeps going past bad lines and hands back every
// error it met. Checked mode (on in the asan build) aborts the moment one is
// destroyed unseen; these tests catch the errors that were looked at and
// then dropped, which checked mode cannot see.
#include <gtest/gtest.h>

#include "import_batch.h"

namespace lab15 {
namespace {

// What every failure below says: the lesson, not just the numbers.
constexpr const char* kLost =
    "lab 15 teaches handling or propagating every error: a bad line's error was lost (each "
    "belongs in report.failures); silencing it, or checking it and dropping it, loses it too";

// Tests that a batch of good lines all go into the stock.
TEST(ImportBatchTest, GoodLinesAreAdded) {
  Stock stock;
  const BatchReport r = import_batch("apple,3\npear,10\napple,2\n", stock);
  EXPECT_TRUE(r.failures.empty()) << r.failures.front().to_string();
  EXPECT_EQ(r.added, 3u);
  EXPECT_EQ(stock, (Stock{{"apple", 5}, {"pear", 10}}));
}

// Tests that each bad line comes back as its own error, in order, naming its
// line, while the good lines around it are still added.
TEST(ImportBatchTest, EveryBadLineIsReported) {
  Stock stock;
  const BatchReport r = import_batch("apple,3\npear\nfig,x\nplum,2", stock);
  if (r.failures.size() != 2)
    FAIL() << kLost << " (want 2 failures, got " << r.failures.size() << ")";
  EXPECT_EQ(r.failures[0].code(), safelab::err::ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.failures[0].message().rfind("line 2: ", 0), 0u) << r.failures[0].message();
  EXPECT_EQ(r.failures[1].code(), safelab::err::ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.failures[1].message().rfind("line 3: ", 0), 0u) << r.failures[1].message();
  EXPECT_EQ(r.added, 2u) << "only the good lines count as added";
  EXPECT_EQ(stock, (Stock{{"apple", 3}, {"plum", 2}}));
}

}  // namespace
}  // namespace lab15
