// Tests of SAFELAB_TRY: unwrapping, early return, error conversion, Option,
// Result<void, E>, nesting, and that it evaluates its argument once.
#include "safelab/err/try.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace safelab::err {
namespace {

Result<int, std::string> digit(char c) {
  if (c < '0' || c > '9') return Err(std::string("not a digit: ") + c);
  return c - '0';
}

Result<int, std::string> two_digits(const char* s) {
  const int tens = SAFELAB_TRY(digit(s[0]));
  const int ones = SAFELAB_TRY(digit(s[1]));
  return tens * 10 + ones;
}

// Tests that TRY unwraps values and returns the first error.
TEST(TryTest, UnwrapsOrReturnsFirstError) {
  EXPECT_EQ(two_digits("42").value(), 42);
  EXPECT_EQ(two_digits("x2").error(), "not a digit: x");
  EXPECT_EQ(two_digits("4y").error(), "not a digit: y");
}

struct WideError {
  std::string text;
  WideError(std::string t) : text(std::move(t)) {}  // NOLINT: converts, like Rust's From
};

Result<long, WideError> widened(const char* s) {
  // The std::string error converts to WideError on the way out.
  return SAFELAB_TRY(two_digits(s)) * 1000L;
}

// Tests that the propagated error converts to the caller's error type.
TEST(TryTest, ConvertsErrorType) {
  EXPECT_EQ(widened("12").value(), 12000L);
  EXPECT_EQ(widened("1z").error().text, "not a digit: z");
}

Option<int> option_sum(Option<int> a, Option<int> b) { return SAFELAB_TRY(a) + SAFELAB_TRY(b); }

// Tests that TRY on an Option returns none from an Option-returning function.
TEST(TryTest, WorksOnOption) {
  EXPECT_EQ(option_sum(1, 2), 3);
  EXPECT_EQ(option_sum(none, 2), none);
  EXPECT_EQ(option_sum(1, none), none);
}

Result<void, int> check(bool ok) {
  if (!ok) return Err(7);
  return Ok();
}

Result<int, int> after_checks(bool first, bool second) {
  SAFELAB_TRY(check(first));
  SAFELAB_TRY(check(second));
  return 1;
}

// Tests TRY on Result<void, E> in statement position.
TEST(TryTest, WorksOnVoidResult) {
  EXPECT_EQ(after_checks(true, true).value(), 1);
  EXPECT_EQ(after_checks(false, true).error(), 7);
  EXPECT_EQ(after_checks(true, false).error(), 7);
}

// Tests nested uses and that the argument is evaluated exactly once.
TEST(TryTest, NestsAndEvaluatesOnce) {
  int calls = 0;
  auto counted = [&](char c) {
    ++calls;
    return digit(c);
  };
  auto f = [&]() -> Result<int, std::string> {
    return SAFELAB_TRY(digit(static_cast<char>('0' + SAFELAB_TRY(counted('3'))))) + 1;
  };
  EXPECT_EQ(f().value(), 4);
  EXPECT_EQ(calls, 1);
}

// Tests that TRY moves a move-only value out.
TEST(TryTest, MovesMoveOnlyValues) {
  auto make = []() -> Result<std::unique_ptr<int>, int> { return std::make_unique<int>(5); };
  auto f = [&]() -> Result<int, int> {
    std::unique_ptr<int> p = SAFELAB_TRY(make());
    return *p;
  };
  EXPECT_EQ(f().value(), 5);
}

}  // namespace
}  // namespace safelab::err
