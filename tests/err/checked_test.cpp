// Tests of checked arithmetic (property tests against a 128-bit reference,
// every integer width, edges included), at() on sequences and maps, and
// parse<T>() with the position of each failure.
#include "safelab/err/checked.h"

#include <gtest/gtest.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <random>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace safelab::err {
namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;  // uint64 max * max needs all 128 bits

// Random values of T, with the edges (min, max, 0, +-1 and their neighbours)
// drawn often: overflow lives there.
template <class T>
std::vector<T> samples(std::mt19937_64& gen, std::size_t n) {
  using L = std::numeric_limits<T>;
  std::vector<T> out = {L::min(),
                        static_cast<T>(L::min() + 1),
                        L::max(),
                        static_cast<T>(L::max() - 1),
                        T(0),
                        T(1),
                        static_cast<T>(L::max() / 2),
                        static_cast<T>(L::max() / 2 + 1)};
  if constexpr (std::is_signed_v<T>) {
    out.push_back(T(-1));
    out.push_back(static_cast<T>(L::min() / 2));
    out.push_back(static_cast<T>(L::min() / 2 - 1));
  }
  while (out.size() < n) out.push_back(static_cast<T>(gen()));
  return out;
}

template <class T>
bool fits(Int128 v) {
  return v >= static_cast<Int128>(std::numeric_limits<T>::min()) &&
         v <= static_cast<Int128>(std::numeric_limits<T>::max());
}

// Checks all five operations on all pairs of samples against Int128.
template <class T>
void check_against_reference() {
  std::mt19937_64 gen(sizeof(T) * 7919 + std::is_signed_v<T>);
  const std::vector<T> xs = samples<T>(gen, 90);
  for (T a : xs) {
    for (T b : xs) {
      const Int128 wa = a, wb = b;  // NOLINT(bugprone-signed-char-misuse): int8 values, on purpose
      const auto expect = [](Int128 v) { return fits<T>(v) ? Option<T>(static_cast<T>(v)) : none; };
      ASSERT_EQ(checked_add(a, b), expect(wa + wb)) << +a << " + " << +b;
      ASSERT_EQ(checked_sub(a, b), expect(wa - wb)) << +a << " - " << +b;
      if constexpr (std::is_signed_v<T>) {
        ASSERT_EQ(checked_mul(a, b), expect(wa * wb)) << +a << " * " << +b;
      } else {
        const UInt128 p = static_cast<UInt128>(a) * static_cast<UInt128>(b);
        const Option<T> want =
            p <= std::numeric_limits<T>::max() ? Option<T>(static_cast<T>(p)) : none;
        ASSERT_EQ(checked_mul(a, b), want) << +a << " * " << +b;
      }
      ASSERT_EQ(checked_div(a, b), b == 0 ? none : expect(wa / wb)) << +a << " / " << +b;
      ASSERT_EQ(checked_rem(a, b), b == 0 || !fits<T>(wa / wb) ? none : expect(wa % wb))
          << +a << " % " << +b;
    }
  }
}

template <class T>
class CheckedArithmeticTest : public ::testing::Test {};
using AllIntegers =
    ::testing::Types<std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t,
                     std::uint32_t, std::int64_t, std::uint64_t, char, signed char, unsigned char,
                     wchar_t, char8_t, char16_t, char32_t, long long, unsigned long long>;
TYPED_TEST_SUITE(CheckedArithmeticTest, AllIntegers);

// Tests that checked arithmetic agrees with 128-bit arithmetic on random and
// edge inputs, for every integer type.
TYPED_TEST(CheckedArithmeticTest, AgreesWithWideReference) { check_against_reference<TypeParam>(); }

// Tests the named edge cases directly, so a failure reads as a sentence.
TEST(CheckedArithmeticTest, NamedEdges) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(checked_add(kMax, 1), none);
  EXPECT_EQ(checked_sub(kMin, 1), none);
  EXPECT_EQ(checked_mul(kMin, -1), none);
  EXPECT_EQ(checked_div(kMin, -1), none);
  EXPECT_EQ(checked_rem(kMin, -1), none);
  EXPECT_EQ(checked_div(std::int64_t{7}, 0), none);
  EXPECT_EQ(checked_add<std::uint8_t>(200, 100), none);  // no promotion to int
  EXPECT_EQ(checked_sub<std::uint32_t>(0, 1), none);
  EXPECT_EQ(checked_add(kMax - 1, 1), kMax);
  static_assert(checked_mul(6, 7) == 42);  // usable in constant expressions
}

// Tests at() on sequences: in range, past the end, negative, and writes
// through the reference.
TEST(AtTest, Sequences) {
  std::vector<int> v = {10, 20, 30};
  EXPECT_EQ(at(v, 0), 10);
  EXPECT_EQ(at(v, 2u), 30);
  EXPECT_EQ(at(v, 3), none);
  EXPECT_EQ(at(v, -1), none);
  EXPECT_EQ(at(v, std::numeric_limits<std::int64_t>::max()), none);
  at(v, 1).value() = 21;
  EXPECT_EQ(v[1], 21);
  const std::array<char, 2> a = {'x', 'y'};
  EXPECT_EQ(at(a, 1), 'y');
  std::deque<int> d = {1};
  EXPECT_EQ(at(d, 0), 1);
  std::span<const int> s(v);
  EXPECT_EQ(at(s, 2), 30);
  std::string str = "ab";
  EXPECT_EQ(at(str, 1), 'b');
  std::vector<int> empty;
  EXPECT_EQ(at(empty, 0), none);
}

// Tests at() on maps, const and mutable.
TEST(AtTest, Maps) {
  std::map<std::string, int> m = {{"a", 1}};
  EXPECT_EQ(at(m, std::string("a")), 1);
  EXPECT_EQ(at(m, std::string("b")), none);
  at(m, std::string("a")).value() = 5;
  EXPECT_EQ(m["a"], 5);
  const std::unordered_map<int, std::string> u = {{1, "one"}};
  EXPECT_EQ(at(u, 1), std::string("one"));
  EXPECT_EQ(at(u, 2), none);
  // Result via copied() + ok_or.
  Result<int, std::string> r = at(m, std::string("zz")).copied().ok_or(std::string("no zz"));
  EXPECT_EQ(r.error(), "no zz");
}

using Kind = ParseError::Kind;

// Tests integer parsing: values, signs, and each failure with its position.
TEST(ParseTest, Integers) {
  EXPECT_EQ(parse<int>("42").value(), 42);
  EXPECT_EQ(parse<int>("-42").value(), -42);
  EXPECT_EQ(parse<int>("+42").value(), 42);
  EXPECT_EQ(parse<int>("007").value(), 7);
  EXPECT_EQ(parse<std::int8_t>("-128").value(), -128);
  EXPECT_EQ(parse<std::uint64_t>("18446744073709551615").value(),
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(parse<int>("").error(), (ParseError{Kind::kEmpty, 0}));
  EXPECT_EQ(parse<int>("-").error(), (ParseError{Kind::kEmpty, 1}));
  EXPECT_EQ(parse<int>("+").error(), (ParseError{Kind::kEmpty, 1}));
  EXPECT_EQ(parse<int>("12x4").error(), (ParseError{Kind::kInvalidCharacter, 2}));
  EXPECT_EQ(parse<int>("x").error(), (ParseError{Kind::kInvalidCharacter, 0}));
  EXPECT_EQ(parse<int>(" 1").error(), (ParseError{Kind::kInvalidCharacter, 0}));
  EXPECT_EQ(parse<int>("1 ").error(), (ParseError{Kind::kInvalidCharacter, 1}));
  EXPECT_EQ(parse<int>("-x").error(), (ParseError{Kind::kInvalidCharacter, 1}));
  EXPECT_EQ(parse<int>("+-1").error(), (ParseError{Kind::kInvalidCharacter, 1}));
  EXPECT_EQ(parse<int>("-12x4").error(), (ParseError{Kind::kInvalidCharacter, 3}));
  EXPECT_EQ(parse<int>("+12x4").error(), (ParseError{Kind::kInvalidCharacter, 3}));
  EXPECT_EQ(parse<unsigned>("+-1").error(), (ParseError{Kind::kInvalidCharacter, 1}));
  EXPECT_EQ(parse<int>("1234567890x").error(), (ParseError{Kind::kInvalidCharacter, 10}));
  EXPECT_EQ(parse<int>("12345678x90").error(), (ParseError{Kind::kInvalidCharacter, 8}));
  EXPECT_EQ(parse<unsigned>("-1").error(), (ParseError{Kind::kInvalidCharacter, 0}));
  EXPECT_EQ(parse<std::int8_t>("128").error(), (ParseError{Kind::kOutOfRange, 0}));
  EXPECT_EQ(parse<int>("+99999999999").error(), (ParseError{Kind::kOutOfRange, 1}));
  EXPECT_EQ(parse<std::uint16_t>("65536").error().message(), "number out of range at position 0");
}

// Tests floating-point parsing, including scientific notation and failures.
TEST(ParseTest, Doubles) {
  EXPECT_DOUBLE_EQ(parse<double>("1.5").value(), 1.5);
  EXPECT_DOUBLE_EQ(parse<double>("-2.5e3").value(), -2500.0);
  EXPECT_DOUBLE_EQ(parse<double>("+0.25").value(), 0.25);
  EXPECT_TRUE(std::isinf(parse<double>("inf").value()));
  EXPECT_FLOAT_EQ(parse<float>("3.25").value(), 3.25f);
  EXPECT_EQ(parse<double>("1.5e3x").error(), (ParseError{Kind::kInvalidCharacter, 5}));
  EXPECT_EQ(parse<double>("").error(), (ParseError{Kind::kEmpty, 0}));
  EXPECT_EQ(parse<double>(".").error(), (ParseError{Kind::kInvalidCharacter, 0}));
  EXPECT_EQ(parse<double>("1e999").error(), (ParseError{Kind::kOutOfRange, 0}));
}

// Tests that every random int64 round-trips through text.
TEST(ParseTest, RoundTripsRandomIntegers) {
  std::mt19937_64 gen(5);
  for (int i = 0; i < 10'000; ++i) {
    const auto v = static_cast<std::int64_t>(gen());
    ASSERT_EQ(parse<std::int64_t>(std::to_string(v)).value(), v);
  }
}

// parse()'s inline short-number path against its general path (which is
// std::from_chars plus parse's rules), for every integer type.
template <class T>
class ShortScanTest : public ::testing::Test {};
using ParsedIntegers =
    ::testing::Types<std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t,
                     std::uint32_t, std::int64_t, std::uint64_t, char, long long>;
TYPED_TEST_SUITE(ShortScanTest, ParsedIntegers);

// Edge texts for an integer type T (empty, lone signs, "+-", limits, one
// digit past digits10, leading zeros, junk inside and after the digits)
// and random numbers of every length up to digits10 + 2, half negative.
template <class T>
std::vector<std::string> integer_texts() {
  using Lim = std::numeric_limits<T>;
  std::vector<std::string> texts = {"",      "-",
                                    "+",     "+1",
                                    "+-1",   "++1",
                                    "0",     "-0",
                                    "+0",    "7",
                                    "x",     "12x4",
                                    "-x",    "+x",
                                    "--1",   "1-",
                                    " 1",    "1 ",
                                    "99",    "-99",
                                    "100",   "-128",
                                    "255",   "256",
                                    "-9x",   "0000000000000000000000042",
                                    "-00009"};
  const auto add_number = [&texts](auto v) {
    texts.push_back(std::to_string(v));
    texts.push_back(std::to_string(v) + "9");
    texts.push_back(std::to_string(v) + "z");
    texts.push_back("+" + std::to_string(v));
  };
  add_number(+Lim::max());
  add_number(+Lim::min());
  std::mt19937_64 gen(11);
  for (int i = 0; i < 2000; ++i) {
    const int digits = 1 + static_cast<int>(gen() % (Lim::digits10 + 2));
    std::string t = gen() % 2 == 0 ? "-" : "";
    for (int d = 0; d < digits; ++d) t += static_cast<char>('0' + gen() % 10);
    // One text in eight gets a junk character somewhere.
    if (gen() % 8 == 0) t[gen() % t.size()] = "x +-."[gen() % 5];
    texts.push_back(t);
  }
  return texts;
}

// Tests that parse()'s inline short-number path changes no answer: on every
// text, parse<T> gives what the general path alone (parse_general<T>) gives,
// value or error kind and position.
TYPED_TEST(ShortScanTest, ShortPathAgreesWithGeneralPath) {
  using T = TypeParam;
  int short_numbers = 0;
  for (const std::string& t : integer_texts<T>()) {
    const Result<T, ParseError> fast = parse<T>(t);
    const Result<T, ParseError> general = internal::parse_general<T>(t);
    ASSERT_EQ(fast.has_value(), general.has_value()) << '"' << t << '"';
    if (general.has_value()) {
      ASSERT_EQ(+*fast, +*general) << '"' << t << '"';
    } else {
      ASSERT_EQ(fast.error(), general.error()) << '"' << t << '"';
    }
    T ignored{};
    std::size_t position = 0;
    short_numbers +=
        internal::scan_short_decimal<T>(t, ignored, position) != internal::ShortScan::kGeneral;
  }
  // Most random texts are short enough for the inline path: it was tested.
  EXPECT_GT(short_numbers, 500);
}

}  // namespace
}  // namespace safelab::err
