// Lab 10's checks: the tally is exact with several threads running the
// io_context, and the tsan build reports nothing.
#include <gtest/gtest.h>

#include "tally.h"

namespace lab10 {
namespace {

std::int64_t expected(int n) { return static_cast<std::int64_t>(n) * (n - 1) / 2; }

// Tests that four threads lose no update of the connection's tally.
TEST(TallyRequestsTest, FourThreadsLoseNothing) {
  EXPECT_EQ(tally_requests(20'000, 4), expected(20'000));
}

// Tests one thread, and no request at all.
TEST(TallyRequestsTest, EdgeCases) {
  EXPECT_EQ(tally_requests(100, 1), expected(100));
  EXPECT_EQ(tally_requests(0, 3), 0);
}

}  // namespace
}  // namespace lab10
