// safelab/err/checked.h
//
// The checked twins of the three operations that most often turn untrusted
// input into undefined behaviour: arithmetic, indexing and parsing. Each
// returns an Option or a Result instead of overflowing, reading out of
// bounds, or silently returning 0 the way atoi() does.
//
//   checked_add/sub/mul/div/rem(a, b)  -> Option<T>  (Rust's checked_add...)
//   at(container, i)                   -> Option<T&> (Rust's slice::get)
//   at(map, key)                       -> Option<V&> (Rust's HashMap::get)
//   parse<T>(text)                     -> Result<T, ParseError> (Rust's str::parse)
//
// Their unchecked counterparts are the examples of src/pairs/errors/, where
// UBSan and ASan report them: `a + b` on int64_t (signed-integer-overflow),
// `v[i]` past the end (heap-buffer-overflow), atoi() on "12abc" (no report at
// all: a wrong answer).
//
// Example:
//
//   Option<int64_t> total = checked_mul(price, quantity)
//                               .and_then([&](int64_t t) { return checked_add(sum, t); });
//   if (!total) return Err(Error(ErrorCode::kOutOfRange, "order total overflows"));
//
//   auto port = parse<uint16_t>("80800");   // Err: out of range at position 0
//   auto x = parse<double>("1.5e3x");       // Err: invalid character at position 5
//   int& first = at(v, 0).unwrap();         // panics if v is empty
#ifndef SAFELAB_ERR_CHECKED_H_
#define SAFELAB_ERR_CHECKED_H_

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ranges>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "safelab/err/option.h"
#include "safelab/err/result.h"

namespace safelab {

// Any integer type except bool (for which arithmetic is meaningless) — every
// width, signed and unsigned, including the character types.
template <class T>
concept CheckedInteger = std::integral<T> && !std::same_as<std::remove_cv_t<T>, bool>;

// checked_add(a, b), checked_sub(a, b), checked_mul(a, b)
//
// The exact result if it fits in T, else none. Both operands have type T;
// the second is not deduced, so `checked_add(x, 1)` works for any x. There
// is no integer promotion: checked_add<uint8_t>(200, 100) is none, not 300.
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_add(T a, std::type_identity_t<T> b) noexcept {
  T r;
  if (__builtin_add_overflow(a, b, &r)) return none;
  return r;
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_sub(T a, std::type_identity_t<T> b) noexcept {
  T r;
  if (__builtin_sub_overflow(a, b, &r)) return none;
  return r;
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_mul(T a, std::type_identity_t<T> b) noexcept {
  T r;
  if (__builtin_mul_overflow(a, b, &r)) return none;
  return r;
}

// checked_div(a, b), checked_rem(a, b)
//
// a / b and a % b (truncating, as C++ does), or none when b is 0 or when the
// quotient does not fit (the one case: min() / -1 for a signed T).
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_div(T a, std::type_identity_t<T> b) noexcept {
  if (b == 0) return none;
  if constexpr (std::is_signed_v<T>) {
    if (a == std::numeric_limits<T>::min() && b == T(-1)) return none;
  }
  return static_cast<T>(a / b);
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_rem(T a, std::type_identity_t<T> b) noexcept {
  if (b == 0) return none;
  if constexpr (std::is_signed_v<T>) {
    if (a == std::numeric_limits<T>::min() && b == T(-1)) return none;
  }
  return static_cast<T>(a % b);
}

// at(container, index)
//
// A reference to element `index` of a random-access, sized range (vector,
// array, span, string, deque...), or none when index is negative or not
// below size(). Negative indices do not count from the end: Python's
// `xs[-1]` is `at(xs, xs.size() - 1)` here, spelled out.
//
// Only lvalue containers are accepted: an element reference into a
// temporary container would dangle.
template <class C, CheckedInteger I>
requires std::ranges::random_access_range<C&> && std::ranges::sized_range<C&>
[[nodiscard]] constexpr auto at(C& container, I index) noexcept
    -> Option<std::ranges::range_reference_t<C&>> {
  if constexpr (std::is_signed_v<I>) {
    if (index < 0) return none;
  }
  const auto size = std::ranges::size(container);
  if (static_cast<std::make_unsigned_t<I>>(index) >= size) return none;
  return std::ranges::begin(container)[static_cast<std::ranges::range_difference_t<C&>>(index)];
}

// at(map, key)
//
// A reference to the value mapped to `key` in an associative container
// (std::map, std::unordered_map, absl::flat_hash_map...), or none.
template <class M, class K>
requires requires(M& m, const K& k) {
  typename M::mapped_type;
  m.find(k)->second;
  m.find(k) == m.end();
}
[[nodiscard]] constexpr auto at(M& map, const K& key)
    -> Option<std::conditional_t<std::is_const_v<M>, const typename M::mapped_type&,
                                 typename M::mapped_type&>> {
  auto it = map.find(key);
  if (it == map.end()) return none;
  return it->second;
}

// ParseError
//
// Why and where parse() failed. `position` is the byte offset in the input
// of the first character that could not be accepted (for out-of-range
// numbers: the first character of the number). Compact on purpose (8 bytes,
// two 32-bit fields and no padding), so that Result<int, ParseError> is
// returned in registers and built there without masking padding bytes.
struct ParseError {
  enum class Kind : std::uint32_t {
    kEmpty,             // no digits at all ("", "-", "+")
    kInvalidCharacter,  // a character that cannot be part of the number
    kOutOfRange,        // a well-formed number that does not fit the type
  };

  Kind kind = Kind::kInvalidCharacter;
  std::uint32_t position = 0;

  // "invalid character 'x' at position 3" (the input is not kept, so the
  // character is not named; the caller has it).
  std::string message() const;
  std::string to_string() const { return message(); }

  friend bool operator==(const ParseError&, const ParseError&) = default;
};

std::string_view to_string(ParseError::Kind kind) noexcept;

// parse<T>(text)
//
// Parses all of `text` as a T: any integer type but bool (decimal, optional
// leading '-' for signed types or '+'), or float/double/long double (decimal
// or scientific, "inf", "nan"). No leading or trailing whitespace, no
// leading "0x": the whole text must be the number, as with Rust's
// `str::parse`.
//
// Errors: kEmpty, kInvalidCharacter (with its position), kOutOfRange.
// REQUIRES: text.size() < 2^32 (longer text is reported as kOutOfRange at 0).
namespace detail {

// from_decimal(first, last, value)
//
// std::from_chars(first, last, value, 10) for an integer T, with the same
// result in every case, and a fast path for the common one: a number of at
// most digits10 digits (9 for int32_t) cannot overflow T, so its digits are
// accumulated with no overflow test at all, as Rust's str::parse does.
// libstdc++ 12's from_chars tests for overflow on every digit past the
// first few and is not inlined: 118 instructions per call on the
// bench_errors workload against ~40 here. Anything else (no digit, more
// digits than digits10) goes to from_chars itself.
template <CheckedInteger T>
constexpr std::from_chars_result from_decimal(const char* first, const char* last,
                                              T& value) noexcept {
  using U = std::make_unsigned_t<T>;
  const char* p = first;
  const bool negative = std::is_signed_v<T> && p != last && *p == '-';
  if (negative) ++p;
  const char* const digits = p;
  if (last - digits <= std::numeric_limits<T>::digits10) {
    U v = 0;
    for (; p != last; ++p) {
      const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0';
      if (d > 9) break;
      v = static_cast<U>(v * 10 + d);
    }
    if (p != digits) {
      // v < 10^digits10 <= max(T): the conversion and the negation are exact.
      value = negative ? static_cast<T>(-static_cast<T>(v)) : static_cast<T>(v);
      return {p, std::errc()};
    }
  }
  return std::from_chars(first, last, value, 10);
}

// parse_failure<T>(text, r)
//
// The error for a text parse<T>() did not accept, given what from_chars
// said. Out of line and cold: parse() tests only "did it all convert?" on
// its hot path, as an error-code parser would, and works out the kind and
// position here. It returns the whole Result so that parse() can tail-call
// it instead of merging the two ways of building its return value.
template <class T>
[[gnu::cold, gnu::noinline]] constexpr Result<T, ParseError> parse_failure(
    std::string_view text, std::from_chars_result r) noexcept {
  using Kind = ParseError::Kind;
  auto fail = [](Kind kind, std::size_t pos) noexcept -> Result<T, ParseError> {
    return Err(ParseError{kind, static_cast<std::uint32_t>(pos)});
  };
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) return fail(Kind::kOutOfRange, 0);
  const std::size_t start = !text.empty() && text.front() == '+' ? 1 : 0;
  if (start == text.size()) return fail(Kind::kEmpty, start);
  // A single leading '+' is accepted (from_chars does not); "+-1" is not.
  if (start == 1 && text[1] == '-') return fail(Kind::kInvalidCharacter, 1);
  if (r.ec == std::errc::invalid_argument) {
    // Nothing parsed. A lone sign is "empty"; otherwise the culprit is the
    // first character after an optional '-'.
    std::size_t pos = start;
    if (std::is_signed_v<T> && text[start] == '-') ++pos;
    if (pos == text.size()) return fail(Kind::kEmpty, pos);
    return fail(Kind::kInvalidCharacter, pos);
  }
  if (r.ec == std::errc::result_out_of_range) return fail(Kind::kOutOfRange, start);
  return fail(Kind::kInvalidCharacter, static_cast<std::size_t>(r.ptr - text.data()));
}

}  // namespace detail

template <class T>
requires CheckedInteger<T> || std::floating_point<T>
[[nodiscard]] constexpr Result<T, ParseError> parse(std::string_view text) noexcept {
  // The happy path does what a hand-written error-code parser does: skip one
  // '+', convert, and accept only if every character was used. The rare
  // cases ("+-1", text of 4 GiB or more) fail that one test too and are
  // sorted out, with every other error, by parse_failure().
  const bool plus = !text.empty() && text.front() == '+';
  const char* first = text.data() + (plus ? 1 : 0);
  const char* last = text.data() + text.size();
  T value{};
  std::from_chars_result r;
  if constexpr (std::floating_point<T>) {
    r = std::from_chars(first, last, value, std::chars_format::general);
  } else {
    r = detail::from_decimal(first, last, value);
  }
  if (r.ec == std::errc() && r.ptr == last && !(plus && *first == '-') &&
      text.size() < std::numeric_limits<std::uint32_t>::max()) [[likely]] {
    return value;
  }
  return detail::parse_failure<T>(text, r);
}

}  // namespace safelab

#endif  // SAFELAB_ERR_CHECKED_H_
