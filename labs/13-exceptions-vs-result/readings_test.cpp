// Lab 13's checks: a good line sums; every bad field comes back to the caller
// in the Result's error, with the kind Rust's str::parse::<i32>() gives it,
// and nothing is thrown at the caller. (Speed is the benchmark's business:
// see README.md.)
#include <gtest/gtest.h>

#include <optional>

#include "readings.h"

namespace lab13 {
namespace {

using Kind = safelab::err::ParseError::Kind;
using Total = safelab::err::Result<std::int64_t, std::vector<BadField>>;

// Every failure starts with what the lab teaches (`safelab labs check`
// shows the first one).
constexpr const char* kLesson = "lab 13 teaches failures as values (err::Result): ";

// total_readings(line), with an exception reaching the test turned into a
// failure that says what the lab is about.
Total call(std::string_view line) {
  std::optional<Total> total;
  EXPECT_NO_THROW(total.emplace(total_readings(line)))
      << kLesson << "the bad field must reach the caller as a value (the Result's error), "
      << "not as an exception";
  return total ? std::move(*total) : Total(std::int64_t{0});
}

// Tests lines of good readings, and the empty line.
TEST(TotalReadingsTest, GoodLine) {
  auto total = call("12,7,-3,40");
  ASSERT_TRUE(total.has_value()) << total.error().size() << " field(s) reported bad";
  EXPECT_EQ(*total, 56);
  auto empty = call("");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(*empty, 0);
}

// Tests one bad field. Rust's IntErrorKind::InvalidDigit: "Contains an
// invalid digit in its context." ("4x2": the 'x', at position 1 of the field.)
TEST(TotalReadingsTest, BadFieldIsReported) {
  auto total = call("12,7,4x2,40");
  ASSERT_FALSE(total.has_value())
      << kLesson << "a bad field was swallowed: the caller got the total " << *total
      << " and never heard of field 2 (\"4x2\"); every bad field must come back in the "
      << "Result's error";
  const BadField want{2, {Kind::kInvalidCharacter, 1}};
  EXPECT_EQ(total.error(), std::vector<BadField>{want});
}

// Tests that every bad field is reported, in order, with its kind. Rust's
// IntErrorKind: Empty "Value being parsed is empty."; PosOverflow "Integer
// is too large to store in target integer type."
TEST(TotalReadingsTest, EveryBadFieldIsReported) {
  auto total = call("1,4x2,,99999999999,5,");
  ASSERT_FALSE(total.has_value()) << kLesson
                                  << "a bad field was swallowed: the caller got the total "
                                  << *total
                                  << "; every bad field must come back in the Result's error";
  const std::vector<BadField>& bad = total.error();
  ASSERT_TRUE(bad.size() == 4) << kLesson << bad.size()
                               << " bad field(s) reported, want 4: every bad field, not only "
                               << "the first";
  EXPECT_EQ(bad[0], (BadField{1, {Kind::kInvalidCharacter, 1}}));
  EXPECT_EQ(bad[1].field, 2u);
  EXPECT_EQ(bad[1].error.kind, Kind::kEmpty);
  EXPECT_EQ(bad[2].field, 3u);
  EXPECT_EQ(bad[2].error.kind, Kind::kOutOfRange);
  EXPECT_EQ(bad[3].field, 5u);
  EXPECT_EQ(bad[3].error.kind, Kind::kEmpty);
}

}  // namespace
}  // namespace lab13
