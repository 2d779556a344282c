// Lab 06's checks: good input parses, and each kind of bad line comes back
// as an error value naming its line, never as a crash.
#include <gtest/gtest.h>

#include "parse_orders.h"

namespace lab06 {
namespace {

// Tests that well-formed orders parse, with or without a final newline.
TEST(ParseOrdersTest, GoodInput) {
  auto r = parse_orders("apple,3\npear,10\n");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(*r, (std::vector<Order>{{"apple", 3}, {"pear", 10}}));
  auto empty = parse_orders("");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

// Tests that a malformed line is an error naming its line number.
TEST(ParseOrdersTest, MalformedLineIsAnError) {
  auto r = parse_orders("apple,3\nbanana\npear,1");
  ASSERT_FALSE(r.has_value()) << "a line without a comma must be an error";
  EXPECT_EQ(r.error().code(), safelab::err::ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message().rfind("line 2: ", 0), 0u) << r.error().message();
}

// Tests that a quantity outside 1..1000 is an error, not an order.
TEST(ParseOrdersTest, QuantityOutOfRangeIsAnError) {
  auto r = parse_orders("apple,3\npear,0");
  ASSERT_FALSE(r.has_value()) << "quantity 0 must be refused";
  EXPECT_EQ(r.error().code(), safelab::err::ErrorCode::kOutOfRange);
  EXPECT_EQ(r.error().message().rfind("line 2: ", 0), 0u) << r.error().message();
}

}  // namespace
}  // namespace lab06
