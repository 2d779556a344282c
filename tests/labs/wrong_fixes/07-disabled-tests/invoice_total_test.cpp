// Wrong fix for lab 07: the failing tests renamed DISABLED_ (the exercise
// untouched). GoogleTest skips them; the lab must not count as done.
// EXPECT: lab 07 is checked by its tests as shipped
// Lab 07's checks: ordinary invoices add up, and an overflowing one is
// refused with none; the asan build (which includes UBSan) reports nothing.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "invoice_total.h"

namespace lab07 {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// Tests an ordinary invoice and an empty one.
TEST(InvoiceTotalTest, OrdinaryInvoice) {
  const std::vector<Line> lines{{1999, 3}, {250, 4}};
  auto total = invoice_total(lines);
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(*total, 6997);
  EXPECT_EQ(invoice_total({}).value_or(-1), 0);
}

// Tests that a product that overflows is none, not a wrapped number.
TEST(InvoiceTotalTest, DISABLED_ProductOverflowIsNone) {
  const std::vector<Line> lines{{kMax / 2, 3}};
  EXPECT_FALSE(invoice_total(lines).has_value()) << "price * quantity overflows int64_t";
}

// Tests that a sum that overflows is none, and that the largest total that
// fits is still accepted.
TEST(InvoiceTotalTest, DISABLED_SumOverflowIsNone) {
  const std::vector<Line> fits{{kMax - 1, 1}, {1, 1}};
  EXPECT_EQ(invoice_total(fits).value_or(-1), kMax);
  const std::vector<Line> over{{kMax, 1}, {1, 1}};
  EXPECT_FALSE(invoice_total(over).has_value()) << "the sum overflows int64_t";
}

}  // namespace
}  // namespace lab07
