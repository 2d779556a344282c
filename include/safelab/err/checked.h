// safelab/err/checked.h
//
// The checked twins of the three operations that most often turn untrusted
// input into undefined behaviour: arithmetic, indexing and parsing. Each
// returns an Option or a Result instead of overflowing, reading out of
// bounds, or silently returning 0 the way atoi() does.
//
//   checked_add/sub/mul/div/rem(a, b)  -> Option<T>  (Rust's checked_add...)
//   checked_shl/shr(a, n), checked_pow(a, n), checked_neg(a), checked_abs(a)
//   at(container, i)                   -> Option<T&> (Rust's slice::get)
//   at(map, key)                       -> Option<V&> (Rust's HashMap::get)
//   parse<T>(text)                     -> Result<T, ParseError> (Rust's str::parse)
//
// Their unchecked counterparts are the catalog's `errors` examples, where
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
#include <utility>

#include "safelab/err/option.h"
#include "safelab/err/result.h"

namespace safelab::err {

// Any integer type except bool (for which arithmetic is meaningless) — every
// width, signed and unsigned, including the character types.
template <class T>
concept CheckedInteger = std::integral<T> && !std::same_as<std::remove_cv_t<T>, bool>;

namespace internal {

// SameTypeOperand<T>
//
// The second operand of the checked operations: a T and nothing else, as in
// Rust, which refuses `i32 + i64` and `i32::checked_add(x, y_i64)`. A value
// of another integer type is accepted only as a constant that fits in T,
// which is how Rust types an integer literal: `checked_add(x, 1)` works for
// any x, and `checked_add<std::uint8_t>(1, 300)` does not compile.
//
// The refusal of a non-constant value of another type is a consteval
// constructor that cannot be evaluated; the diagnostic names this class:
//
//   error: call to consteval function
//   'safelab::err::internal::SameTypeOperand<int>::SameTypeOperand<long long>'
//   is not a constant expression        (GCC: "'n' is not a constant expression")
//
// Before this, `checked_add(int, long long)` converted the second operand
// to int silently and could return a wrong Some.
template <class T>
class SameTypeOperand {
 public:
  constexpr SameTypeOperand(T value) noexcept : value_(value) {}  // NOLINT: the point
  template <CheckedInteger U>
  requires(!std::same_as<U, T>) consteval SameTypeOperand(U constant)  // NOLINT: the point
      : value_(static_cast<T>(constant)) {
    // Throwing is not a constant expression: an out-of-range literal fails
    // to compile, as Rust's `literal out of range` lint (deny by default).
    if (!std::in_range<T>(constant)) throw "integer constant out of range for the operand type";
  }
  template <class U>
  requires(!CheckedInteger<U> && !std::same_as<U, T>) SameTypeOperand(U)
  = delete;

  constexpr T get() const noexcept { return value_; }

 private:
  T value_;
};

// Not deduced from: T comes from the first operand alone.
template <class T>
using Operand = std::type_identity_t<SameTypeOperand<T>>;

}  // namespace internal

// checked_add(a, b), checked_sub(a, b), checked_mul(a, b)
//
// The exact result if it fits in T, else none. Both operands have type T
// (see SameTypeOperand above: a constant of another type that fits is
// accepted, so `checked_add(x, 1)` works for any x; a variable of another
// type does not compile). There is no integer promotion:
// checked_add<uint8_t>(200, 100) is none, not 300.
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_add(T a, internal::Operand<T> b) noexcept {
  T r;
  if (__builtin_add_overflow(a, b.get(), &r)) return none;
  return r;
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_sub(T a, internal::Operand<T> b) noexcept {
  T r;
  if (__builtin_sub_overflow(a, b.get(), &r)) return none;
  return r;
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_mul(T a, internal::Operand<T> b) noexcept {
  T r;
  if (__builtin_mul_overflow(a, b.get(), &r)) return none;
  return r;
}

// checked_div(a, b), checked_rem(a, b)
//
// a / b and a % b (truncating, as C++ does), or none when b is 0 or when the
// quotient does not fit (the one case: min() / -1 for a signed T).
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_div(T a, internal::Operand<T> operand) noexcept {
  const T b = operand.get();
  if (b == 0) return none;
  if constexpr (std::is_signed_v<T>) {
    if (a == std::numeric_limits<T>::min() && b == T(-1)) return none;
  }
  return static_cast<T>(a / b);
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_rem(T a, internal::Operand<T> operand) noexcept {
  const T b = operand.get();
  if (b == 0) return none;
  if constexpr (std::is_signed_v<T>) {
    if (a == std::numeric_limits<T>::min() && b == T(-1)) return none;
  }
  return static_cast<T>(a % b);
}

// checked_shl(a, rhs), checked_shr(a, rhs)
//
// a << rhs and a >> rhs, or none when rhs is not below the width of T in
// bits (where C++'s shift is undefined). As in Rust, the shift amount is a
// u32 and only the amount is checked: bits shifted out are lost
// (checked_shl<int8_t>(1, 7) is -128), and >> of a negative value is
// arithmetic (sign-filling).
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_shl(T a, internal::Operand<std::uint32_t> rhs) noexcept {
  if (rhs.get() >= static_cast<std::uint32_t>(std::numeric_limits<std::make_unsigned_t<T>>::digits))
    return none;
  // On the unsigned bit pattern, widened to at least unsigned int, so that no
  // promotion to a signed int can overflow; the conversion back is modular.
  using Wide = std::common_type_t<std::make_unsigned_t<T>, unsigned>;
  return static_cast<T>(static_cast<Wide>(static_cast<std::make_unsigned_t<T>>(a)) << rhs.get());
}
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_shr(T a, internal::Operand<std::uint32_t> rhs) noexcept {
  if (rhs.get() >= static_cast<std::uint32_t>(std::numeric_limits<std::make_unsigned_t<T>>::digits))
    return none;
  return static_cast<T>(a >> rhs.get());  // C++20: arithmetic for a signed T
}

// checked_neg(a)
//
// -a, or none when it does not fit: for a signed T, a == min(); for an
// unsigned T, any a but 0 (Rust: "returns None unless self == 0").
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_neg(T a) noexcept {
  if constexpr (std::is_signed_v<T>) {
    if (a == std::numeric_limits<T>::min()) return none;
    return static_cast<T>(-a);
  } else {
    if (a != 0) return none;
    return T(0);
  }
}

// checked_abs(a)
//
// |a|, or none for min(). Signed types only, as in Rust (an unsigned value
// is its own absolute value).
template <CheckedInteger T>
requires std::is_signed_v<T>
[[nodiscard]] constexpr Option<T> checked_abs(T a) noexcept {
  if (a == std::numeric_limits<T>::min()) return none;
  return static_cast<T>(a < 0 ? -a : a);
}

// checked_pow(base, exp)
//
// base to the power exp (a u32, as in Rust), or none if the exact result
// does not fit in T. checked_pow(x, 0) is 1 for every x, 0 included.
// Exponentiation by squaring, stopping before the last, unneeded squaring
// (as Rust's does), so an intermediate overflow means the result overflows.
template <CheckedInteger T>
[[nodiscard]] constexpr Option<T> checked_pow(T base,
                                              internal::Operand<std::uint32_t> exponent) noexcept {
  std::uint32_t exp = exponent.get();
  T acc = 1;
  if (exp == 0) return acc;
  for (;;) {
    if (exp & 1u) {
      if (__builtin_mul_overflow(acc, base, &acc)) return none;
      if (exp == 1) return acc;
    }
    exp /= 2;
    if (__builtin_mul_overflow(base, base, &base)) return none;
  }
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
  // kInvalidCharacter is 0 on purpose: it is the default, and a Result keeps
  // a default ParseError in its unused slot, so an all-zero default lets a
  // successful Result<int32_t, ParseError> be built with one register move
  // instead of shifting a constant into the value's register. The numeric
  // values are otherwise not part of the API.
  enum class Kind : std::uint32_t {
    kInvalidCharacter,  // a character that cannot be part of the number
    kEmpty,             // no digits at all ("", "-", "+")
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

namespace internal {

// ShortScan, scan_short_decimal(text, value, position)
//
// parse<integer>()'s whole hot path, inlined into it: the common text, an
// optional sign ('+', or '-' for a signed T) then 1 to digits10 characters,
// settled in one pass with no call, no overflow test (10^digits10 - 1 fits
// in T) and no stack traffic. The outcome:
//
//   kNumber      every character after the sign was a digit: *value is set.
//   kBadChar     a character after the sign is not a digit: *position is its
//                offset. Exactly what the general path reports for such a
//                text (from_chars stops there with no overflow possible
//                before it, or finds no digit at all there), so the
//                commonest error is answered here too.
//   kGeneral     anything else (no character after the sign, more than
//                digits10 of them): the caller takes the general path.
//
// The digit loop counts an index up to zero rather than a pointer up to an
// end, which saves the compare per digit (the increment sets the flags):
// 8 instructions a digit, as rustc's loop for i32::from_str.
enum class ShortScan { kNumber, kBadChar, kGeneral };

template <CheckedInteger T>
[[gnu::always_inline]] constexpr ShortScan scan_short_decimal(std::string_view text, T& value,
                                                              std::size_t& position) noexcept {
  using U = std::make_unsigned_t<T>;
  constexpr std::size_t kMaxDigits = std::numeric_limits<T>::digits10;
  const std::size_t size = text.size();
  if (size == 0) return ShortScan::kGeneral;
  const char first = text[0];
  const bool negative = std::is_signed_v<T> && first == '-';
  const std::size_t sign = negative || first == '+' ? 1 : 0;
  const std::size_t digits = size - sign;
  // digits - 1 wraps for a lone sign: one test for "none" and "too many".
  if (digits - 1 >= kMaxDigits) return ShortScan::kGeneral;
  const char* const end = text.data() + size;
  auto i = -static_cast<std::ptrdiff_t>(digits);
  U v = 0;
  do {
    const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(end[i])) - '0';
    if (d > 9) [[unlikely]] {
      position = size - static_cast<std::size_t>(-i);
      return ShortScan::kBadChar;
    }
    v = static_cast<U>(v * 10 + d);
  } while (++i != 0);
  // v < 10^digits10 <= max(T): the conversion and the negation are exact.
  value = negative ? static_cast<T>(-static_cast<T>(v)) : static_cast<T>(v);
  return ShortScan::kNumber;
}

// parse_general<T>(text)
//
// parse<T>() for every text its hot path does not settle: floating point,
// integers longer than digits10 digits, and the errors other than a bad
// character in a short number. Out of line and cold, and given nothing but
// the text, so that parse() reaches it with a tail call and keeps no
// registers or stack for it on the hot path.
template <class T>
[[gnu::cold, gnu::noinline]] constexpr Result<T, ParseError> parse_general(
    std::string_view text) noexcept {
  using Kind = ParseError::Kind;
  auto fail = [](Kind kind, std::size_t pos) noexcept -> Result<T, ParseError> {
    return Err(ParseError{kind, static_cast<std::uint32_t>(pos)});
  };
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) return fail(Kind::kOutOfRange, 0);
  // A single leading '+' is accepted (from_chars does not); "+-1" is not.
  const std::size_t start = !text.empty() && text.front() == '+' ? 1 : 0;
  if (start == text.size()) return fail(Kind::kEmpty, start);
  if (start == 1 && text[1] == '-') return fail(Kind::kInvalidCharacter, 1);
  const char* const first = text.data() + start;
  const char* const last = text.data() + text.size();
  T value{};
  std::from_chars_result r;
  if constexpr (std::floating_point<T>) {
    r = std::from_chars(first, last, value, std::chars_format::general);
  } else {
    r = std::from_chars(first, last, value, 10);
  }
  if (r.ec == std::errc() && r.ptr == last) return value;
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

}  // namespace internal

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
//
// Cost: an integer of at most digits10 digits, and a bad character in one,
// are settled inline in a single pass (scan_short_decimal); everything else
// is a tail call to the cold parse_general().
template <class T>
requires CheckedInteger<T> || std::floating_point<T>
[[nodiscard]] constexpr Result<T, ParseError> parse(std::string_view text) noexcept {
  if constexpr (CheckedInteger<T>) {
    T value{};
    std::size_t position = 0;
    switch (internal::scan_short_decimal(text, value, position)) {
      case internal::ShortScan::kNumber: return value;
      case internal::ShortScan::kBadChar:
        return Err(
            ParseError{ParseError::Kind::kInvalidCharacter, static_cast<std::uint32_t>(position)});
      case internal::ShortScan::kGeneral: break;
    }
  }
  return internal::parse_general<T>(text);
}

}  // namespace safelab::err

#endif  // SAFELAB_ERR_CHECKED_H_
