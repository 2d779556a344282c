// Conformance of safelab::err to Rust's std (issue 15, items 5 and 6): each
// test quotes the sentence of the Rust std documentation it checks (rustc
// 1.95 docs; the examples are those of the docs where they have one), and
// checks safelab against Rust's behaviour, not against what the C++ does.
// tests/conformance/rust/err_conformance.rs prints the same cases from Rust.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "safelab/err/checked.h"
#include "safelab/err/option.h"
#include "safelab/err/result.h"

namespace safelab::err {
namespace {

constexpr std::int32_t kMin32 = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t kMax32 = std::numeric_limits<std::int32_t>::max();

// i32::checked_shl: "Checked shift left. Computes self << rhs, returning
// None if rhs is larger than or equal to the number of bits in self."
// Docs: 0x1i32.checked_shl(4) == Some(0x10); 0x1i32.checked_shl(129) == None;
// 0x10i32.checked_shl(31) == Some(0).
TEST(ErrConformance, CheckedShl) {
  EXPECT_EQ(checked_shl(0x1, 4), 0x10);
  EXPECT_EQ(checked_shl(0x1, 129), none);
  EXPECT_EQ(checked_shl(0x10, 31), 0);
  EXPECT_EQ(checked_shl(0x1, 32), none);  // rhs == bits
  EXPECT_EQ(checked_shl(0x1, 31), kMin32);
  EXPECT_EQ(checked_shl(std::int8_t{1}, 7), std::int8_t{-128});  // 1i8 << 7 == -128
  EXPECT_EQ(checked_shl(std::uint8_t{0xff}, 4), std::uint8_t{0xf0});
  EXPECT_EQ(checked_shl(std::uint8_t{1}, 8), none);
  EXPECT_EQ(checked_shl(std::uint64_t{1}, 63), std::uint64_t{1} << 63);
  EXPECT_EQ(checked_shl(std::uint64_t{1}, 64), none);
}

// i32::checked_shr: "Checked shift right. Computes self >> rhs, returning
// None if rhs is larger than or equal to the number of bits in self."
// Docs: 0x10i32.checked_shr(4) == Some(0x1); 0x10i32.checked_shr(33) == None.
// Rust's >> on a signed integer is arithmetic: (-8i32) >> 1 == -4.
TEST(ErrConformance, CheckedShr) {
  EXPECT_EQ(checked_shr(0x10, 4), 0x1);
  EXPECT_EQ(checked_shr(0x10, 33), none);
  EXPECT_EQ(checked_shr(0x10, 32), none);
  EXPECT_EQ(checked_shr(-8, 1), -4);
  EXPECT_EQ(checked_shr(kMin32, 31), -1);
  EXPECT_EQ(checked_shr(std::uint16_t{0x8000}, 15), std::uint16_t{1});
  EXPECT_EQ(checked_shr(std::uint16_t{0x8000}, 16), none);
}

// i32::checked_neg: "Checked negation. Computes -self, returning None if
// self == MIN." Docs: 5i32.checked_neg() == Some(-5);
// i32::MIN.checked_neg() == None.
// u32::checked_neg: "Checked negation. Computes -self, returning None unless
// self == 0." Docs: 0u32.checked_neg() == Some(0); 1u32.checked_neg() == None.
TEST(ErrConformance, CheckedNeg) {
  EXPECT_EQ(checked_neg(5), -5);
  EXPECT_EQ(checked_neg(kMin32), none);
  EXPECT_EQ(checked_neg(kMax32), -kMax32);
  EXPECT_EQ(checked_neg(std::int8_t{-128}), none);
  EXPECT_EQ(checked_neg(0u), 0u);
  EXPECT_EQ(checked_neg(1u), none);
  EXPECT_EQ(checked_neg(std::uint64_t{0}), std::uint64_t{0});
  EXPECT_EQ(checked_neg(std::numeric_limits<std::uint64_t>::max()), none);
}

// i32::checked_abs: "Checked absolute value. Computes self.abs(), returning
// None if self == MIN." Docs: (-5i32).checked_abs() == Some(5);
// i32::MIN.checked_abs() == None. (Unsigned types have no checked_abs in
// Rust; safelab's refuses them at compile time too.)
template <class T>
concept HasCheckedAbs = requires(T x) {
  checked_abs(x);
};
TEST(ErrConformance, CheckedAbs) {
  EXPECT_EQ(checked_abs(-5), 5);
  EXPECT_EQ(checked_abs(5), 5);
  EXPECT_EQ(checked_abs(kMin32), none);
  EXPECT_EQ(checked_abs(kMin32 + 1), kMax32);
  EXPECT_EQ(checked_abs(std::int8_t{-128}), none);
  EXPECT_EQ(checked_abs(std::int64_t{-7}), std::int64_t{7});
  static_assert(!HasCheckedAbs<unsigned>);
  static_assert(HasCheckedAbs<int>);
}

// i32::checked_pow: "Checked exponentiation. Computes self.pow(exp),
// returning None if overflow occurred." Docs: 8i32.checked_pow(2) ==
// Some(64); i32::MAX.checked_pow(2) == None. u8: 2u8.checked_pow(5) ==
// Some(32); u8::MAX.checked_pow(2) == None. And x.pow(0) == 1 for every x.
TEST(ErrConformance, CheckedPow) {
  EXPECT_EQ(checked_pow(8, 2), 64);
  EXPECT_EQ(checked_pow(kMax32, 2), none);
  EXPECT_EQ(checked_pow(std::uint8_t{2}, 5), std::uint8_t{32});
  EXPECT_EQ(checked_pow(std::numeric_limits<std::uint8_t>::max(), 2), none);
  EXPECT_EQ(checked_pow(0, 0), 1);
  EXPECT_EQ(checked_pow(kMin32, 0), 1);
  EXPECT_EQ(checked_pow(kMin32, 1), kMin32);
  EXPECT_EQ(checked_pow(-2, 31), kMin32);  // exactly MIN: fits
  EXPECT_EQ(checked_pow(2, 31), none);
  EXPECT_EQ(checked_pow(std::int8_t{-2}, 7), std::int8_t{-128});
  EXPECT_EQ(checked_pow(std::int8_t{-2}, 8), none);
  EXPECT_EQ(checked_pow(1, 4'000'000'000u), 1);
  EXPECT_EQ(checked_pow(-1, 4'000'000'001u), -1);
  EXPECT_EQ(checked_pow(std::uint64_t{3}, 40), std::uint64_t{12157665459056928801u});
  EXPECT_EQ(checked_pow(std::uint64_t{3}, 41), none);
}

// Tests checked_pow against repeated checked multiplication for every i8
// and u8 base and small exponent (the exact result decides, as in Rust).
TEST(ErrConformance, CheckedPowAgreesWithRepeatedMultiplication) {
  for (int b = -128; b < 256; ++b) {
    for (std::uint32_t e = 0; e < 12; ++e) {
      __extension__ __int128 exact = 1;  // 255^11 < 2^88: no overflow here
      for (std::uint32_t i = 0; i < e; ++i) exact *= b;
      if (b < 128) {
        const bool fits = exact >= -128 && exact <= 127;
        const auto got = checked_pow(static_cast<std::int8_t>(b), e);
        ASSERT_EQ(got.has_value(), fits) << b << "^" << e;
        if (fits) {
          ASSERT_TRUE(*got == exact) << b << "^" << e;
        }
      }
      if (b >= 0) {
        const bool fits = exact <= 255;
        const auto got = checked_pow(static_cast<std::uint8_t>(b), e);
        ASSERT_EQ(got.has_value(), fits) << b << "^" << e;
        if (fits) {
          ASSERT_TRUE(*got == exact) << b << "^" << e;
        }
      }
    }
  }
}

// Rust refuses mixed operand types: `1i32.checked_add(2i64)` is
// "error[E0308]: mismatched types". A variable of another type does not
// compile (tests/compile_fail/err_checked_mixed_types.cpp); a constant of
// another type is accepted only when it fits, as a Rust literal is typed.
template <class A, class B>
concept CanCheckedAdd = requires(A a, B b) {
  checked_add(a, b);
};
TEST(ErrConformance, SameTypeOperandsOnly) {
  static_assert(CanCheckedAdd<int, int>);
  static_assert(!CanCheckedAdd<int, double>);
  static_assert(!CanCheckedAdd<int, bool>);
  EXPECT_EQ(checked_add(std::uint64_t{1}, 1), std::uint64_t{2});  // literal: typed u64
  EXPECT_EQ(checked_add<std::uint8_t>(200, 55), std::uint8_t{255});
}

enum class Code { kBad = 1 };
Result<int, Code> half(int x) {
  if (x % 2 != 0) return Err(Code::kBad);
  return x / 2;
}

// Result::ok: "Converts from Result<T, E> to Option<T>. Converts self into
// an Option<T>, consuming self, and discarding the error, if any."
// Docs: Ok(2).ok() == Some(2); Err("Nothing here").ok() == None.
// Result::err: "Converts from Result<T, E> to Option<E>. Converts self into
// an Option<E>, consuming self, and discarding the success value, if any."
// Docs: Ok(2).err() == None; Err("Nothing here").err() == Some("Nothing here").
TEST(ErrConformance, ResultOkErr) {
  Result<unsigned, std::string_view> x = 2u;
  EXPECT_EQ(x.ok(), 2u);
  EXPECT_EQ(x.err(), none);
  Result<unsigned, std::string_view> y = Err(std::string_view("Nothing here"));
  EXPECT_EQ(y.ok(), none);
  EXPECT_EQ(y.err(), std::string_view("Nothing here"));
  Result<void, Code> v = Err(Code::kBad);
  EXPECT_EQ(v.err(), Code::kBad);
}

// Result::unwrap_or_else: "Returns the contained Ok value or computes it
// from a closure." Docs: Ok(2).unwrap_or_else(count) == 2;
// Err("foo").unwrap_or_else(count) == 3 (count = str::len).
TEST(ErrConformance, ResultUnwrapOrElse) {
  auto count = [](std::string_view s) { return s.size(); };
  Result<std::size_t, std::string_view> ok = std::size_t{2};
  Result<std::size_t, std::string_view> err = Err(std::string_view("foo"));
  EXPECT_EQ(ok.unwrap_or_else(count), 2u);
  EXPECT_EQ(err.unwrap_or_else(count), 3u);
}

// Result::map_or: "Returns the provided default (if Err), or applies a
// function to the contained value (if Ok)." Docs: Ok("foo").map_or(42,
// |v| v.len()) == 3; Err("bar").map_or(42, |v| v.len()) == 42.
// Result::map_or_else: "Maps a Result<T, E> to U by applying fallback
// function default to a contained Err value, or function f to a contained
// Ok value." Docs (k = 21): Ok("foo").map_or_else(|e| k * 2, |v| v.len()) == 3;
// Err("bar").map_or_else(|e| k * 2, |v| v.len()) == 42.
TEST(ErrConformance, ResultMapOr) {
  using R = Result<std::string_view, std::string_view>;
  auto len = [](std::string_view v) { return v.size(); };
  const std::size_t k = 21;
  EXPECT_EQ(R("foo").map_or(std::size_t{42}, len), 3u);
  EXPECT_EQ(R(Err(std::string_view("bar"))).map_or(std::size_t{42}, len), 42u);
  EXPECT_EQ(R("foo").map_or_else([&](std::string_view) { return k * 2; }, len), 3u);
  EXPECT_EQ(
      R(Err(std::string_view("bar"))).map_or_else([&](std::string_view) { return k * 2; }, len),
      42u);
}

// Option::unwrap_or_else: "Returns the contained Some value or computes it
// from a closure." Docs (k = 10): Some(4).unwrap_or_else(|| 2 * k) == 4;
// None.unwrap_or_else(|| 2 * k) == 20.
// Option::map_or: "Returns the provided default result (if none), or applies
// a function to the contained value (if any)." Docs: Some("foo").map_or(42,
// |v| v.len()) == 3; None.map_or(42, |v| v.len()) == 42.
// Option::map_or_else: "Computes a default function result (if none), or
// applies a different function to the contained value (if any)." Docs
// (k = 21): Some("foo").map_or_else(|| 2 * k, |v| v.len()) == 3; None -> 42.
TEST(ErrConformance, OptionUnwrapOrElseMapOr) {
  const int k = 10;
  EXPECT_EQ(Option<int>(4).unwrap_or_else([&] { return 2 * k; }), 4);
  EXPECT_EQ(Option<int>().unwrap_or_else([&] { return 2 * k; }), 20);
  auto len = [](std::string_view v) { return v.size(); };
  EXPECT_EQ(Option<std::string_view>("foo").map_or(std::size_t{42}, len), 3u);
  EXPECT_EQ(Option<std::string_view>().map_or(std::size_t{42}, len), 42u);
  const std::size_t k2 = 21;
  EXPECT_EQ(Option<std::string_view>("foo").map_or_else([&] { return 2 * k2; }, len), 3u);
  EXPECT_EQ(Option<std::string_view>().map_or_else([&] { return 2 * k2; }, len), 42u);
}

using ErrConformanceDeathTest = ::testing::Test;

// Result::unwrap: "Panics if the value is an Err, with a panic message
// provided by the Err's value." Observed (rustc 1.95), for
// Err("emergency failure"): called `Result::unwrap()` on an `Err` value:
// "emergency failure"
TEST_F(ErrConformanceDeathTest, ResultUnwrapMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Result<unsigned, std::string_view> x = Err(std::string_view("emergency failure"));
  ASSERT_FALSE(x.has_value());
  EXPECT_DEATH((void)x.unwrap(),
               "called `Result::unwrap\\(\\)` on an `Err` value: \"emergency failure\"");
}

// Result::expect: "Panics if the value is an Err, with a panic message
// including the passed message, and the content of the Err." Observed:
// Testing expect: "emergency failure"
TEST_F(ErrConformanceDeathTest, ResultExpectMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Result<unsigned, std::string_view> x = Err(std::string_view("emergency failure"));
  ASSERT_FALSE(x.has_value());
  EXPECT_DEATH((void)x.expect("Testing expect"), "Testing expect: \"emergency failure\"");
}

// Option::unwrap: "Panics if the self value equals None." Observed:
// called `Option::unwrap()` on a `None` value
TEST_F(ErrConformanceDeathTest, OptionUnwrapMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)Option<int>().unwrap(), "called `Option::unwrap\\(\\)` on a `None` value");
}

// Rust's unwrap on an Err prints the error through its Debug form, which
// #[derive(Debug)] makes from the fields: `Opaque { a: 1, b: 2 }`.
// Differs: C++ cannot list a struct's fields, so an error type with no text
// form prints as its type name and, when every byte is significant, its bytes.
struct Opaque {
  std::int32_t a;
  std::int32_t b;
};
TEST_F(ErrConformanceDeathTest, OpaqueErrorNamesItsType) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Result<int, Opaque> x = Err(Opaque{1, 2});
  ASSERT_FALSE(x.has_value());
  EXPECT_DEATH((void)x.unwrap(),
               "on an `Err` value: an error of type .*Opaque \\{bytes 01 00 00 00 02 00 00 00\\}");
}

// Rust has no unchecked access to a Result's value: every way in checks.
// safelab's `*r` on an error panics in every build (std::expected: UB).
TEST_F(ErrConformanceDeathTest, DereferenceOfErrorPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto r = half(3);
  ASSERT_FALSE(r.has_value());
  EXPECT_DEATH((void)*r, "dereferenced a Result holding an error: error code 1");
  EXPECT_DEATH((void)*Option<int>(), "dereferenced an empty Option");
}

}  // namespace
}  // namespace safelab::err
