// safelab/err/result.h
//
// Result<T, E>: a value of type T or an error of type E, never both, never
// neither. Rust's `Result`, with the API of C++23's `std::expected` so that
// code written against it moves to the standard type with few edits.
//
//   Result<T, E>     holds a T (success) or an E (failure)
//   Result<void, E>  success carries nothing; failure carries an E
//   Err(e)           the failure half, like std::unexpected: `return Err(e);`
//   Ok(v) / Ok()     the success half, spelled out when implicit conversion
//                    would be unclear (always needed for Result<void, E>)
//
// Differences from std::expected, each deliberate:
//
//   * `value()` on an error panics (see panic.h) instead of throwing
//     bad_expected_access: reaching it is a bug, not a recoverable error.
//     So do `error()` on a value, and `unwrap()` / `expect(msg)` (Rust's
//     names; `expect` prints your message).
//   * The class is [[nodiscard]]: ignoring a returned Result is a warning,
//     and under -Werror a compile error.
//   * Checked mode (below).
//   * The rvalue overloads of `value()`, `unwrap()` and `expect()` return by
//     value, so `const auto& x = make().value();` cannot dangle.
//   * No implicit conversion from E: the error is always written `Err(e)`,
//     which is also what records where it was made.
//   * unwrap_or_else(f) (Rust's), beside value_or(): the value or f(error).
//   * Rust's ok(), err(), map_or() and map_or_else() (Option conversions
//     and the one-step fold of both cases).
//   * `*r` and `r->` on an error panic in every build (std::expected: UB).
//
// Checked mode
// ------------
// Like `llvm::Error`, a Result that holds an error must be looked at before
// it is destroyed. In checked mode (SAFELAB_CHECKED=1, on by default in Debug
// and sanitizer builds; see SAFELAB_CHECKED below), destroying or assigning
// over a Result whose error was never inspected aborts:
//
//   safelab panic: a Result holding an error was destroyed unchecked
//     created at app/config.cc:42 in load_config
//
// Anything that reveals which case it is counts as inspection: has_value(),
// operator bool, value(), error(), value_or(), the monadic operations,
// comparison. Moving or copying a Result hands the obligation to the new
// object; the source is then considered checked. The location is that of the
// `Err(...)` expression that made the error (monadic operations and
// SAFELAB_TRY pass it on). In unchecked mode the bookkeeping compiles away.
//
// Layout and cost
// ---------------
// When T and E are small and trivially copyable (Result<int32_t, ParseError>,
// Result<int, ErrorCode>, Result<void, int>...), the value, the error and a
// flag sit side by side in at most 16 bytes, which GCC and Clang return in
// two registers: the happy path costs what an `int` return code plus an
// out-parameter costs. Otherwise the contents are a std::variant<T, E>. See
// internal/storage.h for why the union inside std::variant is avoided.
//
// Example:
//
//   safelab::err::Result<int, std::string> parse_percent(std::string_view s) {
//     int p = 0;
//     auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), p);
//     if (ec != std::errc() || end != s.data() + s.size() || p > 100) {
//       return safelab::err::Err("not a percentage: " + std::string(s));
//     }
//     return p;
//   }
//
//   auto r = parse_percent("42");
//   if (r) use(*r);                      // checked access
//   int p = parse_percent("x").value();  // panics: value() on an error
//   parse_percent("x");                  // compile error under -Werror
//   (void)parse_percent("x");            // checked mode: aborts when the
//                                        // discarded Result is destroyed
#ifndef SAFELAB_ERR_RESULT_H_
#define SAFELAB_ERR_RESULT_H_

#include <concepts>
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "safelab/err/internal/monadic.h"
#include "safelab/err/internal/storage.h"
#include "safelab/err/panic.h"
#include "safelab/err/source_location.h"

// SAFELAB_CHECKED is set by the safelab::err CMake target as a PUBLIC
// definition, so that the library and every consumer agree on the layout of
// Result (a mismatch would be an ODR violation). Without CMake, follow NDEBUG.
#ifndef SAFELAB_CHECKED
#ifdef NDEBUG
#define SAFELAB_CHECKED 0
#else
#define SAFELAB_CHECKED 1
#endif
#endif

namespace safelab::err {

template <class T, class E>
class Result;
template <class T>
class Option;  // option.h, included at the end: ok() and err() return one

// Err<E>
//
// The error half of a Result, like C++23's std::unexpected. Converts to any
// Result<T, G> whose G is constructible from E. Records the source location
// of the expression that made it, for checked mode's report.
//
// Example:
//
//   if (port > 65535) return safelab::err::Err(ErrorCode::kOutOfRange);
template <class E>
class Err {
 public:
  static_assert(std::is_object_v<E> && !std::is_array_v<E> && !std::is_const_v<E>,
                "Err<E>: E must be a non-const, non-array object type");

  template <class G = E>
  requires std::constructible_from<E, G&&>
  constexpr explicit(!std::is_convertible_v<G&&, E>)
      Err(G&& error, SourceLocation where = SourceLocation::current())
      : error_(std::forward<G>(error)), where_(where) {}

  constexpr E& error() & noexcept { return error_; }
  constexpr const E& error() const& noexcept { return error_; }
  constexpr E&& error() && noexcept { return std::move(error_); }

  // Where the error was made (the `Err(...)` expression, by default).
  constexpr SourceLocation location() const noexcept { return where_; }

 private:
  E error_;
  SourceLocation where_;
};

template <class G>
Err(G) -> Err<G>;

// Ok<T>
//
// The success half of a Result, spelled out. `return value;` converts
// implicitly; `Ok` is for Result<void, E> (`return Ok();`) and for places
// where a bare value would be ambiguous.
template <class T = void>
struct Ok {
  template <class U = T>
  requires std::constructible_from<T, U&&>
  constexpr explicit Ok(U&& v) : value(std::forward<U>(v)) {}

  T value;
};
template <>
struct Ok<void> {};

template <class T>
Ok(T) -> Ok<T>;
Ok()->Ok<void>;

namespace internal {

template <class X>
inline constexpr bool is_result_v = false;
template <class T, class E>
inline constexpr bool is_result_v<Result<T, E>> = true;
template <class X>
inline constexpr bool is_err_v = false;
template <class E>
inline constexpr bool is_err_v<Err<E>> = true;
template <class X>
inline constexpr bool is_ok_v = false;
template <class T>
inline constexpr bool is_ok_v<Ok<T>> = true;

// type_name<X>(): the name of X as the compiler spells it, from
// __PRETTY_FUNCTION__ (GCC: "[with X = Name; ...]", Clang: "[X = Name]"), so
// that no RTTI is needed.
template <class X>
constexpr std::string_view type_name() noexcept {
  const std::string_view p = __PRETTY_FUNCTION__;
  const std::size_t start = p.find("X = ");
  if (start == std::string_view::npos) return "an unnamed type";
  const std::size_t end = p.find_first_of(";]", start + 4);
  return p.substr(start + 4, end == std::string_view::npos ? end : end - start - 4);
}

// describe_opaque(): what unwrap() prints for an error with no text form:
// its type, and (Rust's {:?} prints the fields; C++ cannot list them) its
// bytes in hex when they are all significant (trivially copyable, no
// padding, at most 32 bytes), e.g. "an error of type Pt {bytes 01 00 00 00}".
template <class E>
std::string describe_opaque(const E& e) {
  std::string out = "an error of type ";
  out += type_name<E>();
  if constexpr (std::is_trivially_copyable_v<E> && std::has_unique_object_representations_v<E> &&
                sizeof(E) <= 32) {
    unsigned char bytes[sizeof(E)];
    std::memcpy(bytes, std::addressof(e), sizeof(E));
    constexpr char kHex[] = "0123456789abcdef";
    out += " {bytes";
    for (unsigned char b : bytes) {
      out += ' ';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
    out += '}';
  }
  return out;
}

// quote_string(): a string error as Rust's {:?} prints it, in double quotes
// with '"', '\\' and the common control characters escaped: unwrap() on
// Err("disk on fire") says `... on an `Err` value: "disk on fire"`, as Rust.
inline std::string quote_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

// describe_error(): a one-line text for an error of any type, for the panic
// message of unwrap()/expect(). Uses the first of: a string (quoted), a member
// to_string(), an ADL to_string() (either may return a std::string_view),
// an enumerator's number, a number; otherwise the type's name and, when all
// of them are significant, the bytes (describe_opaque).
template <class E>
std::string describe_error(const E& e) {
  if constexpr (std::is_convertible_v<const E&, std::string_view>) {
    return quote_string(std::string_view(e));
  } else if constexpr (requires { std::string(e.to_string()); }) {
    return std::string(e.to_string());
  } else if constexpr (requires { std::string(to_string(e)); }) {
    return std::string(to_string(e));
  } else if constexpr (std::is_enum_v<E>) {
    return "error code " + std::to_string(static_cast<long long>(e));
  } else if constexpr (std::is_arithmetic_v<E>) {
    return std::to_string(e);
  } else {
    return describe_opaque<E>(e);
  }
}

// The failure path of unwrap()/expect()/value(): out of line and cold, so
// that the happy path of an accessor is one compare and one branch.
template <class E>
[[noreturn, gnu::cold, gnu::noinline]] void panic_with_error(std::string_view what, const E& e,
                                                             SourceLocation where) {
  panic(std::string(what) + ": " + describe_error(e), where);
}

// ErrorWitness
//
// Checked mode's bookkeeping: armed while the Result holds an error nobody
// has looked at. Copying or moving hands the obligation over. In unchecked
// mode it is an empty class with no-op members, and [[no_unique_address]]
// makes it occupy no space.
#if SAFELAB_CHECKED
class ErrorWitness {
 public:
  ErrorWitness() = default;
  constexpr explicit ErrorWitness(SourceLocation where) noexcept : where_(where), armed_(true) {}
  constexpr ErrorWitness(const ErrorWitness& other) noexcept
      : where_(other.where_), armed_(std::exchange(other.armed_, false)) {}
  constexpr ErrorWitness& operator=(const ErrorWitness& other) noexcept {
    if (this != &other) {
      check();
      where_ = other.where_;
      armed_ = std::exchange(other.armed_, false);
    }
    return *this;
  }
  constexpr ~ErrorWitness() { check(); }

  constexpr void disarm() const noexcept { armed_ = false; }
  constexpr SourceLocation where() const noexcept { return where_; }

 private:
  constexpr void check() const noexcept {
    if (armed_) [[unlikely]] {
      panic_at("a Result holding an error was destroyed (or overwritten) without being checked",
               "created at", where_);
    }
  }

  SourceLocation where_;
  mutable bool armed_ = false;
};
#else
class ErrorWitness {
 public:
  ErrorWitness() = default;
  constexpr explicit ErrorWitness(SourceLocation) noexcept {}
  constexpr void disarm() const noexcept {}
  constexpr SourceLocation where() const noexcept { return {}; }
};
#endif

}  // namespace internal

// Result<T, E>
//
// REQUIRES: T is void or a non-reference object type that is not an Err or
// Ok; E is a non-reference, non-void object type.
template <class T, class E>
class [[nodiscard]] Result {
  static_assert(std::is_void_v<T> || (std::is_object_v<T> && !std::is_array_v<T>),
                "Result<T, E>: T must be void or a non-array object type (for a reference, "
                "use std::reference_wrapper or a pointer)");
  static_assert(!internal::is_err_v<std::remove_cv_t<T>> && !internal::is_ok_v<std::remove_cv_t<T>>,
                "Result<T, E>: T must not be Err<...> or Ok<...>");
  static_assert(std::is_object_v<E> && !std::is_array_v<E> && !std::is_const_v<E>,
                "Result<T, E>: E must be a non-const, non-array object type");

  // What the success side stores: Result<void, E> keeps the unit type
  // std::monostate, which is what `value()` of a Result<void, E> yields (Rust's
  // `()`).
  using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

 public:
  using value_type = T;
  using error_type = E;
  template <class U>
  using rebind = Result<U, E>;

  // Result::Result()
  //
  // A success holding a value-initialised T (as std::expected does).
  constexpr Result() requires std::is_default_constructible_v<Stored> : s_(std::in_place_index<0>) {
  }

  // Result::Result(value)
  //
  // A success. Implicit when U converts implicitly to T, so that a function
  // returning Result<int, E> can `return 42;`.
  template <class U = Stored>
  requires(!std::is_void_v<T> && std::constructible_from<T, U&&> &&
           !internal::is_result_v<std::remove_cvref_t<U>> &&
           !internal::is_err_v<std::remove_cvref_t<U>> &&
           !internal::is_ok_v<std::remove_cvref_t<U>> &&
           !std::is_same_v<std::remove_cvref_t<U>,
                           std::in_place_t>) constexpr explicit(!std::is_convertible_v<U&&, T>)
      Result(U&& value)
      : s_(std::in_place_index<0>, std::forward<U>(value)) {}

  // Result::Result(Ok(v)) / Result::Result(Ok())
  template <class U>
  requires(!std::is_void_v<T> && !std::is_void_v<U> &&
           std::constructible_from<
               T, U&&>) constexpr Result(Ok<U>&& ok)  // NOLINT(google-explicit-constructor):
                                                      // the point of Ok
      : s_(std::in_place_index<0>, std::move(ok.value)) {}
  constexpr Result(Ok<void>)  // NOLINT(google-explicit-constructor)
      requires std::is_void_v<T> : s_(std::in_place_index<0>) {}

  // Result::Result(Err(e))
  //
  // A failure. The creation site recorded by the Err is kept for checked
  // mode.
  template <class G>
  requires std::constructible_from<E, const G&>
  constexpr Result(const Err<G>& err)  // NOLINT(google-explicit-constructor)
      : s_(std::in_place_index<1>, err.error()), witness_(err.location()) {}
  template <class G>
  requires std::constructible_from<E, G&&>
  constexpr Result(Err<G>&& err)  // NOLINT(google-explicit-constructor)
      : s_(std::in_place_index<1>, std::move(err).error()), witness_(err.location()) {}

  // Result::Result(std::in_place, args...)
  //
  // A success whose T is constructed in place from `args`.
  template <class... Args>
  requires std::constructible_from<Stored, Args&&...>
  constexpr explicit Result(std::in_place_t, Args&&... args)
      : s_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  // Copying and moving hand checked mode's obligation to the new object.
  Result(const Result&) = default;
  Result(Result&&) = default;
  Result& operator=(const Result&) = default;
  Result& operator=(Result&&) = default;
  ~Result() = default;

  // Result::has_value(), Result::operator bool()
  //
  // True for a success. Counts as checking the Result.
  constexpr bool has_value() const noexcept {
    witness_.disarm();
    return s_.has_value();
  }
  constexpr explicit operator bool() const noexcept { return has_value(); }

  // Result::value()
  //
  // The value. Panics, naming the caller's line and the error, if this holds
  // an error. The rvalue overload returns by value (no dangling reference).
  constexpr Stored& value(SourceLocation where = SourceLocation::current()) & {
    ensure_value("called value() on an error", where);
    return s_.value();
  }
  constexpr const Stored& value(SourceLocation where = SourceLocation::current()) const& {
    ensure_value("called value() on an error", where);
    return s_.value();
  }
  constexpr Stored value(SourceLocation where = SourceLocation::current()) && {
    ensure_value("called value() on an error", where);
    return std::move(s_.value());
  }

  // Result::unwrap(), Result::expect(msg)
  //
  // Rust's names for value(), with Rust's panic messages: unwrap() says
  // "called `Result::unwrap()` on an `Err` value: <error>", expect(msg)
  // says "<msg>: <error>". Use them where an error is a bug.
  static constexpr std::string_view kUnwrapMessage = "called `Result::unwrap()` on an `Err` value";
  constexpr Stored& unwrap(SourceLocation where = SourceLocation::current()) & {
    ensure_value(kUnwrapMessage, where);
    return s_.value();
  }
  constexpr const Stored& unwrap(SourceLocation where = SourceLocation::current()) const& {
    ensure_value(kUnwrapMessage, where);
    return s_.value();
  }
  constexpr Stored unwrap(SourceLocation where = SourceLocation::current()) && {
    ensure_value(kUnwrapMessage, where);
    return std::move(s_.value());
  }
  constexpr Stored& expect(std::string_view msg,
                           SourceLocation where = SourceLocation::current()) & {
    ensure_value(msg, where);
    return s_.value();
  }
  constexpr const Stored& expect(std::string_view msg,
                                 SourceLocation where = SourceLocation::current()) const& {
    ensure_value(msg, where);
    return s_.value();
  }
  constexpr Stored expect(std::string_view msg,
                          SourceLocation where = SourceLocation::current()) && {
    ensure_value(msg, where);
    return std::move(s_.value());
  }

  // Result::operator*(), Result::operator->()
  //
  // Access to the value. Unlike std::expected (undefined behaviour), `*r`
  // on an error panics in every build, naming the error: Rust has no
  // unchecked access to a Result at all. The check costs nothing where it
  // matters: after `if (r)` or `SAFELAB_TRY` the compiler knows the answer
  // and drops it (the parse benchmark compiles to the same instructions with
  // and without the check, so Result stays at parity with an error code); an
  // unguarded `*r` pays one compare and a never-taken branch.
  constexpr Stored& operator*() & noexcept requires(!std::is_void_v<T>) {
    assume_value();
    return s_.value();
  }
  constexpr const Stored& operator*() const& noexcept requires(!std::is_void_v<T>) {
    assume_value();
    return s_.value();
  }
  constexpr Stored&& operator*() && noexcept requires(!std::is_void_v<T>) {
    assume_value();
    return std::move(s_.value());
  }
  constexpr Stored* operator->() noexcept requires(!std::is_void_v<T>) {
    assume_value();
    return std::addressof(s_.value());
  }
  constexpr const Stored* operator->() const noexcept requires(!std::is_void_v<T>) {
    assume_value();
    return std::addressof(s_.value());
  }

  // Result::error()
  //
  // The error. Panics if this holds a value (always, not only in checked
  // mode: it is never on a hot path, and the alternative is reading a
  // different type's bytes).
  constexpr E& error(SourceLocation where = SourceLocation::current()) & {
    ensure_error(where);
    return s_.error();
  }
  constexpr const E& error(SourceLocation where = SourceLocation::current()) const& {
    ensure_error(where);
    return s_.error();
  }
  constexpr E&& error(SourceLocation where = SourceLocation::current()) && {
    ensure_error(where);
    return std::move(s_.error());
  }

  // Result::value_or(default)
  //
  // The value, or `fallback` converted to T if this holds an error.
  template <class U>
  requires(!std::is_void_v<T> && std::convertible_to<U&&, T>) constexpr Stored
      value_or(U&& fallback) const& {
    return has_value() ? s_.value() : static_cast<Stored>(std::forward<U>(fallback));
  }
  template <class U>
  requires(!std::is_void_v<T> && std::convertible_to<U&&, T>) constexpr Stored
      value_or(U&& fallback) && {
    return has_value() ? std::move(s_.value()) : static_cast<Stored>(std::forward<U>(fallback));
  }

  // Result::unwrap_or_else(f)
  //
  // The value, or f(error) if this holds an error (Rust's `unwrap_or_else`;
  // std::expected has no such member). f must return something convertible
  // to T. On an rvalue the error is passed as an rvalue, so that
  // `lock_result().unwrap_or_else(own::into_inner)` can take a guard out of
  // a move-only error.
  template <class F>
  requires(!std::is_void_v<T> && std::is_invocable_v<F, const E&>) constexpr Stored
      unwrap_or_else(F&& f) const& {
    if (has_value()) return s_.value();
    return static_cast<Stored>(std::invoke(std::forward<F>(f), s_.error()));
  }
  template <class F>
  requires(!std::is_void_v<T> && std::is_invocable_v<F, E&&>) constexpr Stored
      unwrap_or_else(F&& f) && {
    if (has_value()) return std::move(s_.value());
    return static_cast<Stored>(std::invoke(std::forward<F>(f), std::move(s_.error())));
  }

  // Result::ok(), Result::err()
  //
  // Rust's conversions to Option: ok() is Some(value) or None ("Converts
  // from Result<T, E> to Option<T> ... discarding the error, if any"), err()
  // is Some(error) or None. Both count as checking the Result (an error
  // dropped by ok() was looked at and chosen to be dropped, as in Rust).
  // Result<void, E> has err() only.
  constexpr Option<T> ok() const& requires(!std::is_void_v<T>) {
    if (has_value()) return Option<T>(std::in_place, s_.value());
    return Option<T>();
  }
  constexpr Option<T> ok() && requires(!std::is_void_v<T>) {
    if (has_value()) return Option<T>(std::in_place, std::move(s_.value()));
    return Option<T>();
  }
  constexpr Option<E> err() const& {
    if (has_value()) return Option<E>();
    return Option<E>(std::in_place, s_.error());
  }
  constexpr Option<E> err() && {
    if (has_value()) return Option<E>();
    return Option<E>(std::in_place, std::move(s_.error()));
  }

  // Result::map_or(fallback, f), Result::map_or_else(fallback_f, f)
  //
  // Rust's: f(value) on a success; on an error, `fallback` (map_or) or
  // fallback_f(error) (map_or_else). The result has the type of `fallback`
  // (map_or) or of f(value) (map_or_else). Result<void, E> calls f().
  template <class U, class F>
  constexpr std::remove_cvref_t<U> map_or(U&& fallback, F&& f) const& {
    if (!has_value()) return std::forward<U>(fallback);
    return invoke_on_value(*this, std::forward<F>(f));
  }
  template <class U, class F>
  constexpr std::remove_cvref_t<U> map_or(U&& fallback, F&& f) && {
    if (!has_value()) return std::forward<U>(fallback);
    return invoke_on_value(std::move(*this), std::forward<F>(f));
  }
  template <class D, class F>
  constexpr auto map_or_else(D&& fallback, F&& f) const& {
    using U = std::remove_cvref_t<decltype(invoke_on_value(*this, std::forward<F>(f)))>;
    if (!has_value()) return static_cast<U>(std::invoke(std::forward<D>(fallback), s_.error()));
    return static_cast<U>(invoke_on_value(*this, std::forward<F>(f)));
  }
  template <class D, class F>
  constexpr auto map_or_else(D&& fallback, F&& f) && {
    using U = std::remove_cvref_t<decltype(invoke_on_value(std::move(*this), std::forward<F>(f)))>;
    if (!has_value()) {
      return static_cast<U>(std::invoke(std::forward<D>(fallback), std::move(s_.error())));
    }
    return static_cast<U>(invoke_on_value(std::move(*this), std::forward<F>(f)));
  }

  // Result::and_then(f)
  //
  // Chains a step that can itself fail: f(value) -> Result<U, E> (f() for
  // Result<void, E>). An error is passed on untouched, f is not called.
  //
  //   Result<Config, Error> c = read_file(path).and_then(parse_config);
  template <class F>
  constexpr auto and_then(F&& f) & {
    return and_then_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto and_then(F&& f) const& {
    return and_then_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto and_then(F&& f) && {
    return and_then_impl(std::move(*this), std::forward<F>(f));
  }

  // Result::transform(f)
  //
  // Maps the value: f(value) -> U gives Result<U, E>; an error passes on.
  // (Rust's `map`.)
  template <class F>
  constexpr auto transform(F&& f) & {
    return transform_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto transform(F&& f) const& {
    return transform_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto transform(F&& f) && {
    return transform_impl(std::move(*this), std::forward<F>(f));
  }

  // Result::or_else(f)
  //
  // Recovers from an error: f(error) -> Result<T, G>; a value passes on.
  template <class F>
  constexpr auto or_else(F&& f) & {
    return or_else_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto or_else(F&& f) const& {
    return or_else_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto or_else(F&& f) && {
    return or_else_impl(std::move(*this), std::forward<F>(f));
  }

  // Result::transform_error(f)
  //
  // Maps the error: f(error) -> G gives Result<T, G>; a value passes on.
  // (Rust's `map_err`.) The new error keeps the original creation site.
  template <class F>
  constexpr auto transform_error(F&& f) & {
    return transform_error_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto transform_error(F&& f) const& {
    return transform_error_impl(*this, std::forward<F>(f));
  }
  template <class F>
  constexpr auto transform_error(F&& f) && {
    return transform_error_impl(std::move(*this), std::forward<F>(f));
  }

  // Result::error_location()
  //
  // Where the held error was made, in checked mode; a default
  // SourceLocation otherwise. Does not count as checking.
  constexpr SourceLocation error_location() const noexcept { return witness_.where(); }

  // Comparison: equal when both hold equal values or both hold equal errors.
  friend constexpr bool operator==(const Result& a, const Result& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a.has_value()) return a.error() == b.error();
    if constexpr (std::is_void_v<T>) {
      return true;
    } else {
      return *a == *b;
    }
  }
  template <class U>
  requires(!internal::is_result_v<U> && !internal::is_err_v<U> &&
           !std::is_void_v<T>) friend constexpr bool
  operator==(const Result& a, const U& value) {
    return a.has_value() && *a == value;
  }
  template <class G>
  friend constexpr bool operator==(const Result& a, const Err<G>& err) {
    return !a.has_value() && a.error() == err.error();
  }

 private:
  template <class, class>
  friend class Result;

  constexpr void ensure_value(std::string_view what, SourceLocation where) const {
    if (!has_value()) [[unlikely]] {
      internal::panic_with_error(what, s_.error(), where);
    }
  }
  constexpr void ensure_error(SourceLocation where) const {
    if (has_value()) [[unlikely]] {
      panic("called error() on a Result holding a value", where);
    }
  }
  constexpr void assume_value() const noexcept {
    if (!s_.has_value()) [[unlikely]] {
      internal::panic_with_error("dereferenced a Result holding an error", s_.error(),
                                 witness_.where());
    }
  }

  template <class Self, class F>
  static constexpr auto and_then_impl(Self&& self, F&& f) {
    using R = std::remove_cvref_t<decltype(invoke_on_value(std::forward<Self>(self),
                                                           std::forward<F>(f)))>;
    static_assert(internal::is_result_v<R>, "and_then: f must return a Result");
    static_assert(std::is_same_v<typename R::error_type, E>,
                  "and_then: f must return a Result with the same error type");
    if (self.has_value()) return invoke_on_value(std::forward<Self>(self), std::forward<F>(f));
    return R(Err<E>(forward_error(std::forward<Self>(self)), self.witness_.where()));
  }

  template <class Self, class F>
  static constexpr auto transform_impl(Self&& self, F&& f) {
    using U =
        std::remove_cv_t<decltype(invoke_on_value(std::forward<Self>(self), std::forward<F>(f)))>;
    using R = Result<U, E>;
    if (!self.has_value())
      return R(Err<E>(forward_error(std::forward<Self>(self)), self.witness_.where()));
    if constexpr (std::is_void_v<T>) {
      return internal::invoke_into<R>(std::forward<F>(f));
    } else {
      return internal::invoke_into<R>(std::forward<F>(f), forward_value(std::forward<Self>(self)));
    }
  }

  template <class Self, class F>
  static constexpr auto or_else_impl(Self&& self, F&& f) {
    using R = std::remove_cvref_t<
        std::invoke_result_t<F, decltype(forward_error(std::forward<Self>(self)))>>;
    static_assert(internal::is_result_v<R>, "or_else: f must return a Result");
    static_assert(std::is_same_v<typename R::value_type, T>,
                  "or_else: f must return a Result with the same value type");
    if (self.has_value()) {
      if constexpr (std::is_void_v<T>) {
        return R();
      } else {
        return R(std::in_place, forward_value(std::forward<Self>(self)));
      }
    }
    return std::invoke(std::forward<F>(f), forward_error(std::forward<Self>(self)));
  }

  template <class Self, class F>
  static constexpr auto transform_error_impl(Self&& self, F&& f) {
    using G = std::remove_cv_t<
        std::invoke_result_t<F, decltype(forward_error(std::forward<Self>(self)))>>;
    using R = Result<T, G>;
    if (self.has_value()) {
      if constexpr (std::is_void_v<T>) {
        return R();
      } else {
        return R(std::in_place, forward_value(std::forward<Self>(self)));
      }
    }
    const SourceLocation where = self.witness_.where();
    return R(
        Err<G>(std::invoke(std::forward<F>(f), forward_error(std::forward<Self>(self))), where));
  }

  // The held value / error with the value category of `self`.
  template <class Self>
  static constexpr decltype(auto) forward_value(Self&& self) {
    return internal::forward_like<Self>(self.s_.value());
  }
  template <class Self>
  static constexpr decltype(auto) forward_error(Self&& self) {
    return internal::forward_like<Self>(self.s_.error());
  }
  template <class Self, class F>
  static constexpr decltype(auto) invoke_on_value(Self&& self, F&& f) {
    if constexpr (std::is_void_v<T>) {
      return std::invoke(std::forward<F>(f));
    } else {
      return std::invoke(std::forward<F>(f), forward_value(std::forward<Self>(self)));
    }
  }

  internal::ResultStorage<Stored, E> s_;
  [[no_unique_address]] internal::ErrorWitness witness_;
};

}  // namespace safelab::err

// ok() and err() return an Option: a Result is usable only with Option
// complete. (option.h includes this header first; the guards make either
// order work.)
#include "safelab/err/option.h"

#endif  // SAFELAB_ERR_RESULT_H_
