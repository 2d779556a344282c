// Tests of Option<T> and Option<T&>: construction, access, the monadic
// operations, ok_or, copied, take, comparison, and the panics.
#include "safelab/err/option.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace safelab::err {
namespace {

Option<int> positive(int x) {
  if (x > 0) return x;
  return none;
}

// Tests that an Option made from a value holds it and one made from none does not.
TEST(OptionTest, ValueAndNone) {
  Option<int> a = 3;
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(*a, 3);
  EXPECT_EQ(a.value(), 3);
  EXPECT_EQ(a.unwrap(), 3);
  EXPECT_EQ(a.expect("set"), 3);
  Option<int> b;
  EXPECT_FALSE(b.has_value());
  EXPECT_FALSE(static_cast<bool>(b));
  Option<int> c = std::nullopt;
  EXPECT_FALSE(c.has_value());
}

// Tests value_or on both cases.
TEST(OptionTest, ValueOr) {
  EXPECT_EQ(positive(4).value_or(-1), 4);
  EXPECT_EQ(positive(-4).value_or(-1), -1);
}

// Tests and_then, transform and or_else.
TEST(OptionTest, MonadicOperations) {
  auto half = [](int x) -> Option<int> {
    if (x % 2 == 0) return x / 2;
    return none;
  };
  EXPECT_EQ(positive(8).and_then(half), 4);
  EXPECT_EQ(positive(7).and_then(half), none);
  EXPECT_EQ(positive(-8).and_then(half), none);
  EXPECT_EQ(positive(5).transform([](int x) { return std::to_string(x); }), std::string("5"));
  EXPECT_EQ(positive(0).transform([](int x) { return x * 2; }), none);
  EXPECT_EQ(positive(0).or_else([] { return Option<int>(9); }), 9);
  EXPECT_EQ(positive(2).or_else([] { return Option<int>(9); }), 2);
}

// Tests that ok_or turns an empty Option into the given error.
TEST(OptionTest, OkOr) {
  Result<int, std::string> ok = positive(1).ok_or(std::string("none"));
  EXPECT_EQ(ok.value(), 1);
  Result<int, std::string> err = positive(-1).ok_or(std::string("none"));
  EXPECT_EQ(err.error(), "none");
}

// Tests that take() moves the value out and leaves the Option empty.
TEST(OptionTest, Take) {
  Option<std::unique_ptr<int>> a = std::make_unique<int>(6);
  Option<std::unique_ptr<int>> b = a.take();
  EXPECT_FALSE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(**b, 6);
  EXPECT_EQ(*std::move(b).unwrap(), 6);
}

// Tests reset and emplace.
TEST(OptionTest, ResetAndEmplace) {
  Option<std::string> s;
  s.emplace(3, 'z');
  EXPECT_EQ(s, std::string("zzz"));
  s.reset();
  EXPECT_EQ(s, none);
}

// Tests that an Option of a small trivially copyable type is itself
// trivially copyable and fits two registers (it is returned in them, as a
// pointer-or-null is), that Option<T&> is one pointer, and that reset,
// emplace and take behave as for any other Option.
TEST(OptionTest, SmallTrivialLayout) {
  EXPECT_TRUE(std::is_trivially_copyable_v<Option<int>>);
  EXPECT_LE(sizeof(Option<int>), 16u);
  EXPECT_EQ(sizeof(Option<const int&>), sizeof(const int*));
  Option<int> a;
  EXPECT_EQ(a, none);
  EXPECT_EQ(a.emplace(4), 4);
  EXPECT_EQ(a, 4);
  Option<int> b = a.take();
  EXPECT_EQ(a, none);
  EXPECT_EQ(b, 4);
  b.reset();
  EXPECT_FALSE(b.has_value());
  EXPECT_EQ(b.value_or(-1), -1);
}

// Tests that Option<T&> refers to the original object and copied() copies it.
TEST(OptionTest, ReferenceOption) {
  std::vector<int> v = {1, 2, 3};
  Option<int&> r = v[1];
  ASSERT_TRUE(r.has_value());
  *r = 20;
  EXPECT_EQ(v[1], 20);
  Option<int> c = r.copied();
  *r = 30;
  EXPECT_EQ(c, 20);
  EXPECT_EQ(r.value_or(0), 30);
  Option<int&> empty;
  EXPECT_EQ(empty.copied(), none);
  // transform returning a reference gives an Option<U&>.
  struct Pair {
    int first;
  } p{7};
  Option<Pair&> pr = p;
  Option<int&> f = pr.transform([](Pair& x) -> int& { return x.first; });
  *f = 8;
  EXPECT_EQ(p.first, 8);
}

// Tests comparison with Options, values and none.
TEST(OptionTest, Equality) {
  EXPECT_EQ(positive(1), positive(1));
  EXPECT_NE(positive(1), positive(2));
  EXPECT_EQ(positive(-1), positive(-2));
  EXPECT_NE(positive(1), positive(-1));
  EXPECT_TRUE(positive(1) == 1);
  EXPECT_TRUE(positive(-1) == none);
}

using OptionDeathTest = ::testing::Test;

// Tests that value() on an empty Option panics, naming the caller.
TEST_F(OptionDeathTest, ValueOnEmptyPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)positive(-1).value(),
               "safelab panic: called value\\(\\) on an empty Option\n  at .*option_test.cpp");
}

// Tests that expect() panics with the caller's message.
TEST_F(OptionDeathTest, ExpectOnEmptyPanicsWithMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)positive(-1).expect("need a positive number"), "need a positive number");
}

}  // namespace
}  // namespace safelab::err
