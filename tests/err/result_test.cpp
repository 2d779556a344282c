// Tests of Result<T, E>: construction, observers, the monadic operations,
// comparison, Result<void, E>, and the panics of value()/error()/expect().
#include "safelab/err/result.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace safelab::err {
namespace {

enum class Code { kBad = 1, kWorse = 2 };

Result<int, Code> half(int x) {
  if (x % 2 != 0) return Err(Code::kBad);
  return x / 2;
}

// Tests that a Result made from a value holds it.
TEST(ResultTest, HoldsValue) {
  Result<int, Code> r = 42;
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.unwrap(), 42);
  EXPECT_EQ(r.expect("must be there"), 42);
}

// Tests that a Result made from Err holds the error.
TEST(ResultTest, HoldsError) {
  Result<int, Code> r = Err(Code::kBad);
  ASSERT_FALSE(r.has_value());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error(), Code::kBad);
}

// Tests that default construction value-initialises T, as std::expected does.
TEST(ResultTest, DefaultIsValueInitialisedSuccess) {
  Result<int, Code> r;
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 0);
}

// Tests Ok(), in_place and converting error construction.
TEST(ResultTest, OkInPlaceAndConvertingErr) {
  Result<std::string, std::string> a = Ok(std::string("yes"));
  EXPECT_EQ(a.value(), "yes");
  Result<std::string, std::string> b(std::in_place, 3, 'x');
  EXPECT_EQ(b.value(), "xxx");
  Result<int, std::string> c = Err("no");  // Err<const char*> -> std::string
  EXPECT_EQ(c.error(), "no");
}

// Tests value_or on both cases and on an rvalue.
TEST(ResultTest, ValueOr) {
  EXPECT_EQ(half(8).value_or(-1), 4);
  EXPECT_EQ(half(7).value_or(-1), -1);
  Result<std::unique_ptr<int>, Code> p = std::make_unique<int>(5);
  std::unique_ptr<int> moved = std::move(p).value_or(nullptr);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(*moved, 5);
}

// Tests unwrap_or_else: the value, or f(error); on an rvalue the error
// is handed over as an rvalue, so a move-only error can give up what it holds.
TEST(ResultTest, UnwrapOrElse) {
  EXPECT_EQ(half(8).unwrap_or_else([](Code) { return -1; }), 4);
  EXPECT_EQ(half(7).unwrap_or_else([](Code c) { return -static_cast<int>(c); }), -1);
  using Owned = std::unique_ptr<int>;
  Result<Owned, Owned> failed = Err(std::make_unique<int>(6));
  Owned back = std::move(failed).unwrap_or_else([](Owned&& e) { return std::move(e); });
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(*back, 6);
}

// Tests that the rvalue value() moves a move-only value out.
TEST(ResultTest, MoveOnlyValue) {
  auto make = []() -> Result<std::unique_ptr<int>, Code> { return std::make_unique<int>(9); };
  std::unique_ptr<int> p = make().value();
  EXPECT_EQ(*p, 9);
  EXPECT_EQ(*make().unwrap(), 9);
}

// Tests that and_then chains successes and short-circuits on the first error.
TEST(ResultTest, AndThen) {
  EXPECT_EQ(half(8).and_then(half).value(), 2);
  EXPECT_EQ(half(12).and_then(half).and_then(half).error(), Code::kBad);  // 6, 3, odd
  int calls = 0;
  auto counting = [&](int x) {
    ++calls;
    return half(x);
  };
  EXPECT_EQ(half(3).and_then(counting).error(), Code::kBad);
  EXPECT_EQ(calls, 0);
}

// Tests that transform maps the value, passes errors on, and maps to void.
TEST(ResultTest, Transform) {
  Result<std::string, Code> s = half(10).transform([](int x) { return std::to_string(x); });
  EXPECT_EQ(s.value(), "5");
  EXPECT_EQ(half(1).transform([](int x) { return x + 1; }).error(), Code::kBad);
  int seen = 0;
  Result<void, Code> v = half(4).transform([&](int x) { seen = x; });
  EXPECT_TRUE(v.has_value());
  EXPECT_EQ(seen, 2);
}

// Tests that or_else recovers from an error and leaves a value alone.
TEST(ResultTest, OrElse) {
  auto recover = [](Code c) -> Result<int, std::string> {
    if (c == Code::kBad) return 0;
    return Err(std::string("worse"));
  };
  EXPECT_EQ(half(3).or_else(recover).value(), 0);
  EXPECT_EQ(half(4).or_else(recover).value(), 2);
  Result<int, Code> worse = Err(Code::kWorse);
  EXPECT_EQ(worse.or_else(recover).error(), "worse");
}

// Tests that transform_error maps the error type and leaves a value alone.
TEST(ResultTest, TransformError) {
  auto name = [](Code c) { return c == Code::kBad ? std::string("bad") : std::string("worse"); };
  Result<int, std::string> e = half(5).transform_error(name);
  EXPECT_EQ(e.error(), "bad");
  Result<int, std::string> v = half(6).transform_error(name);
  EXPECT_EQ(v.value(), 3);
}

// Tests equality against another Result, a value and an Err.
TEST(ResultTest, Equality) {
  EXPECT_EQ(half(4), half(4));
  EXPECT_NE(half(4), half(6));
  EXPECT_EQ(half(3), half(5));  // both kBad
  EXPECT_TRUE(half(4) == 2);
  EXPECT_FALSE(half(3) == 2);
  EXPECT_TRUE(half(3) == Err(Code::kBad));
  EXPECT_FALSE(half(4) == Err(Code::kBad));
}

// Tests Result<void, E>: Ok(), Err, and the monadic operations without a value.
TEST(ResultTest, VoidResult) {
  auto check = [](bool ok) -> Result<void, Code> {
    if (!ok) return Err(Code::kWorse);
    return Ok();
  };
  EXPECT_TRUE(check(true).has_value());
  EXPECT_EQ(check(false).error(), Code::kWorse);
  EXPECT_EQ(check(true).and_then([] { return Result<int, Code>(7); }).value(), 7);
  EXPECT_EQ(check(false).and_then([] { return Result<int, Code>(7); }).error(), Code::kWorse);
  EXPECT_EQ(check(true).transform([] { return 1; }).value(), 1);
  EXPECT_EQ(check(false).transform_error([](Code) { return 5; }).error(), 5);
  EXPECT_TRUE(check(false).or_else([](Code) -> Result<void, int> { return Ok(); }).has_value());
  check(true).value();  // does not panic
  EXPECT_EQ(check(true), check(true));
}

// Tests that, with checking off, Result of small trivially copyable types
// fits the two return registers (16 bytes) and is trivially copyable, so it
// is returned in registers; that a larger one is no larger than the variant
// it then wraps; and that with checking on it still stays small.
TEST(ResultTest, LayoutIsCompact) {
  struct Wide {
    std::int64_t a, b;
  };
  if constexpr (SAFELAB_CHECKED) {
    // The witness adds the creation site and a flag.
    EXPECT_LE(sizeof(Result<int, Code>), 16 + sizeof(SourceLocation) + alignof(SourceLocation));
  } else {
    EXPECT_LE(sizeof(Result<int, Code>), 16u);
    EXPECT_TRUE((std::is_trivially_copyable_v<Result<int, Code>>));
    EXPECT_LE(sizeof(Result<void, Code>), 16u);
    EXPECT_TRUE((std::is_trivially_copyable_v<Result<void, Code>>));
    EXPECT_EQ(sizeof(Result<Wide, Code>), sizeof(std::variant<Wide, Code>));
    EXPECT_TRUE((std::is_trivially_copyable_v<Result<Wide, Code>>));
  }
}

// Tests that the side-by-side layout of small trivial types keeps the
// semantics of the variant one: assignment switches the case, and the
// monadic operations see only the active side.
TEST(ResultTest, SmallTrivialLayoutSwitchesCase) {
  Result<int, Code> r = 7;
  r = Err(Code::kBad);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error(), Code::kBad);
  EXPECT_EQ(r.transform([](int v) { return v + 1; }), Err(Code::kBad));
  r = Result<int, Code>(8);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 8);
  EXPECT_EQ(r.and_then([](int v) -> Result<int, Code> { return v * 2; }), 16);
}

// Tests that copying and moving preserve the held alternative.
TEST(ResultTest, CopyAndMove) {
  Result<std::vector<int>, Code> a = std::vector<int>{1, 2, 3};
  Result<std::vector<int>, Code> b = a;
  EXPECT_EQ(b.value().size(), 3u);
  Result<std::vector<int>, Code> c = std::move(b);
  EXPECT_EQ(c.value().size(), 3u);
  Result<std::vector<int>, Code> e = Err(Code::kBad);
  c = e;
  EXPECT_EQ(c.error(), Code::kBad);
  EXPECT_FALSE(e.has_value());
}

using ResultDeathTest = ::testing::Test;

// Tests that value() on an error panics, naming the error and the caller.
TEST_F(ResultDeathTest, ValueOnErrorPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)half(3).value(),
               "safelab panic: called value\\(\\) on an error: error code 1\n  at "
               ".*result_test.cpp");
}

// Tests that expect() panics with the caller's message.
TEST_F(ResultDeathTest, ExpectOnErrorPanicsWithMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)half(3).expect("the input was even"), "the input was even: error code 1");
}

// Tests that unwrap() on an error with a string error prints the string.
TEST_F(ResultDeathTest, UnwrapPrintsStringError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Result<int, std::string> r = Err(std::string("disk on fire"));
  ASSERT_FALSE(r.has_value());  // checked here, in the parent; the child unwraps
  EXPECT_DEATH((void)r.unwrap(), "disk on fire");
}

// Tests that error() on a value panics.
TEST_F(ResultDeathTest, ErrorOnValuePanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)half(4).error(), "called error\\(\\) on a Result holding a value");
}

}  // namespace
}  // namespace safelab::err
