// safelab/err/option.h
//
// Option<T>: a T or nothing. Rust's `Option`, with the API of std::optional
// plus the monadic operations C++23 added to it and Rust's conversions.
//
//   Option<T>    holds a T or nothing (std::optional<T> inside)
//   Option<T&>   holds a reference or nothing, like Rust's Option<&T>: what
//                `at(container, i)` returns (checked.h). A null pointer
//                with a type that says it may be null.
//   safelab::err::none  the empty Option (std::nullopt works too)
//
// Differences from std::optional, each deliberate:
//
//   * `value()` on an empty Option panics (see panic.h) instead of throwing
//     bad_optional_access; so do `unwrap()` and `expect(msg)`.
//   * `ok_or(e)` turns an absent value into an error: Option<T> -> Result<T, E>.
//   * Rust's unwrap_or_else(f), map_or(d, f), map_or_else(df, f).
//   * `take()` moves the value out and leaves the Option empty.
//   * Option<T&> exists; `copied()` turns it into an Option<T>.
//   * [[nodiscard]], like Result.
//
// An empty Option is not an error, so checked mode (result.h) does not apply.
//
// Layout: an Option<T&> is one pointer, null when empty. A small trivially
// copyable T (int32_t, double, a struct of two ints) is stored beside its flag
// without a union, so that it is returned in registers and costs what a
// pointer-or-null costs (internal/storage.h says why); other types use
// std::optional<T>.
//
// Example:
//
//   safelab::err::Option<int> first_even(std::span<const int> xs) {
//     for (int x : xs) if (x % 2 == 0) return x;
//     return safelab::err::none;
//   }
//
//   int n = first_even(xs).value_or(-1);
//   auto r = first_even(xs).ok_or(ErrorCode::kNotFound);  // Result<int, ErrorCode>
//   int m = first_even(odd_numbers).unwrap();             // panics: empty Option
#ifndef SAFELAB_ERR_OPTION_H_
#define SAFELAB_ERR_OPTION_H_

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include "safelab/err/internal/monadic.h"
#include "safelab/err/internal/storage.h"
#include "safelab/err/panic.h"
#include "safelab/err/result.h"
#include "safelab/err/source_location.h"

namespace safelab::err {

template <class T>
class Option;

inline constexpr std::nullopt_t none = std::nullopt;

namespace internal {

template <class X>
inline constexpr bool is_option_v = false;
template <class T>
inline constexpr bool is_option_v<Option<T>> = true;

}  // namespace internal

// Option<T>
//
// REQUIRES: T is an object type or an lvalue reference, not an array, not
// another std::nullopt_t.
template <class T>
class [[nodiscard]] Option {
  static_assert(!std::is_rvalue_reference_v<T>, "Option<T&&> is not supported");
  static_assert(!std::is_array_v<T> && !std::is_void_v<T>,
                "Option<T>: T must be an object type or an lvalue reference");
  static_assert(!std::is_same_v<std::remove_cvref_t<T>, std::nullopt_t>,
                "Option<std::nullopt_t> is meaningless");

  static constexpr bool kIsRef = std::is_lvalue_reference_v<T>;
  using Plain = std::remove_cvref_t<T>;  // what value_or() and copied() return

 public:
  using value_type = T;

  // Option::Option(), Option::Option(none)
  //
  // An empty Option.
  constexpr Option() noexcept = default;
  constexpr Option(std::nullopt_t) noexcept {}  // NOLINT(google-explicit-constructor)

  // Option::Option(value)
  //
  // An Option holding `value`. For Option<T&>, only an lvalue binds: an
  // Option<const int&> cannot be made from a temporary that would dangle.
  template <class U = Plain>
  requires(!kIsRef && std::constructible_from<T, U&&> &&
           !internal::is_option_v<std::remove_cvref_t<U>> &&
           !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
           !std::is_same_v<std::remove_cvref_t<U>,
                           std::in_place_t>) constexpr explicit(!std::is_convertible_v<U&&, T>)
      Option(U&& value)
      : s_(std::in_place, std::forward<U>(value)) {}
  template <class U>
  requires(kIsRef&& std::is_convertible_v<U*, std::remove_reference_t<T>*>) constexpr Option(
      U& ref) noexcept  // NOLINT(google-explicit-constructor)
      : s_(std::in_place, ref) {}
  template <class U>
  requires(kIsRef) Option(const U&&)
  = delete;  // a reference to a temporary would dangle

  // Option::Option(std::in_place, args...)
  template <class... Args>
  requires(!kIsRef &&
           std::constructible_from<T, Args&&...>) constexpr explicit Option(std::in_place_t,
                                                                            Args&&... args)
      : s_(std::in_place, std::forward<Args>(args)...) {}

  // Option::has_value(), Option::operator bool()
  constexpr bool has_value() const noexcept { return s_.has(); }
  constexpr explicit operator bool() const noexcept { return s_.has(); }

  // Option::value(), Option::unwrap(), Option::expect(msg)
  //
  // The value. Panics, naming the caller's line, if the Option is empty.
  // The rvalue overloads of an Option<T> return by value (no dangling).
  constexpr decltype(auto) value(SourceLocation where = SourceLocation::current()) & {
    ensure("called value() on an empty Option", where);
    return s_.get();
  }
  constexpr decltype(auto) value(SourceLocation where = SourceLocation::current()) const& {
    ensure("called value() on an empty Option", where);
    return s_.get();
  }
  constexpr auto value(
      SourceLocation where = SourceLocation::current()) && -> std::conditional_t<kIsRef, T, Plain> {
    ensure("called value() on an empty Option", where);
    return std::move(s_).get();
  }
  // unwrap() panics with Rust's message, "called `Option::unwrap()` on a
  // `None` value"; expect(msg) with msg alone, as Rust's does.
  static constexpr std::string_view kUnwrapMessage = "called `Option::unwrap()` on a `None` value";
  constexpr decltype(auto) unwrap(SourceLocation where = SourceLocation::current()) & {
    ensure(kUnwrapMessage, where);
    return s_.get();
  }
  constexpr decltype(auto) unwrap(SourceLocation where = SourceLocation::current()) const& {
    ensure(kUnwrapMessage, where);
    return s_.get();
  }
  constexpr auto unwrap(
      SourceLocation where = SourceLocation::current()) && -> std::conditional_t<kIsRef, T, Plain> {
    ensure(kUnwrapMessage, where);
    return std::move(s_).get();
  }
  constexpr decltype(auto) expect(std::string_view msg,
                                  SourceLocation where = SourceLocation::current()) & {
    ensure(msg, where);
    return s_.get();
  }
  constexpr decltype(auto) expect(std::string_view msg,
                                  SourceLocation where = SourceLocation::current()) const& {
    ensure(msg, where);
    return s_.get();
  }
  constexpr auto expect(
      std::string_view msg,
      SourceLocation where = SourceLocation::current()) && -> std::conditional_t<kIsRef, T, Plain> {
    ensure(msg, where);
    return std::move(s_).get();
  }

  // Option::operator*(), Option::operator->()
  //
  // Access to the value. Unlike std::optional (undefined behaviour), `*o`
  // on an empty Option panics in every build, as Result's does: Rust has no
  // unchecked access either. After `if (o)` the compiler drops the check.
  constexpr decltype(auto) operator*() & noexcept {
    assume_value();
    return s_.get();
  }
  constexpr decltype(auto) operator*() const& noexcept {
    assume_value();
    return s_.get();
  }
  constexpr decltype(auto) operator*() && noexcept {
    assume_value();
    return std::move(s_).get();
  }
  constexpr auto operator->() noexcept {
    assume_value();
    return std::addressof(s_.get());
  }
  constexpr auto operator->() const noexcept {
    assume_value();
    return std::addressof(s_.get());
  }

  // Option::value_or(fallback)
  //
  // A copy of the value, or `fallback` if empty. Always returns by value,
  // also for Option<T&>.
  template <class U>
  requires std::convertible_to<U&&, Plain>
  constexpr Plain value_or(U&& fallback) const& {
    return has_value() ? Plain(s_.get()) : static_cast<Plain>(std::forward<U>(fallback));
  }
  template <class U>
  requires std::convertible_to<U&&, Plain>
  constexpr Plain value_or(U&& fallback) && {
    return has_value() ? Plain(std::move(s_).get()) : static_cast<Plain>(std::forward<U>(fallback));
  }

  // Option::unwrap_or_else(f)
  //
  // A copy of the value, or f() if empty (Rust's `unwrap_or_else`).
  template <class F>
  requires std::convertible_to<std::invoke_result_t<F>, Plain>
  constexpr Plain unwrap_or_else(F&& f) const& {
    if (has_value()) return Plain(s_.get());
    return static_cast<Plain>(std::invoke(std::forward<F>(f)));
  }
  template <class F>
  requires std::convertible_to<std::invoke_result_t<F>, Plain>
  constexpr Plain unwrap_or_else(F&& f) && {
    if (has_value()) return Plain(std::move(s_).get());
    return static_cast<Plain>(std::invoke(std::forward<F>(f)));
  }

  // Option::map_or(fallback, f), Option::map_or_else(fallback_f, f)
  //
  // Rust's: f(value) if there is one, else `fallback` (map_or) or
  // fallback_f() (map_or_else). The result has the type of `fallback`
  // (map_or) or of f(value) (map_or_else).
  template <class U, class F>
  constexpr std::remove_cvref_t<U> map_or(U&& fallback, F&& f) const& {
    if (!has_value()) return std::forward<U>(fallback);
    return std::invoke(std::forward<F>(f), forward_value(*this));
  }
  template <class U, class F>
  constexpr std::remove_cvref_t<U> map_or(U&& fallback, F&& f) && {
    if (!has_value()) return std::forward<U>(fallback);
    return std::invoke(std::forward<F>(f), forward_value(std::move(*this)));
  }
  template <class D, class F>
  constexpr auto map_or_else(D&& fallback, F&& f) const& {
    using U = std::remove_cvref_t<std::invoke_result_t<F, decltype(forward_value(*this))>>;
    if (!has_value()) return static_cast<U>(std::invoke(std::forward<D>(fallback)));
    return static_cast<U>(std::invoke(std::forward<F>(f), forward_value(*this)));
  }
  template <class D, class F>
  constexpr auto map_or_else(D&& fallback, F&& f) && {
    using U =
        std::remove_cvref_t<std::invoke_result_t<F, decltype(forward_value(std::move(*this)))>>;
    if (!has_value()) return static_cast<U>(std::invoke(std::forward<D>(fallback)));
    return static_cast<U>(std::invoke(std::forward<F>(f), forward_value(std::move(*this))));
  }

  // Option::and_then(f)
  //
  // f(value) -> Option<U>; an empty Option stays empty and f is not called.
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

  // Option::transform(f)
  //
  // f(value) -> U gives Option<U> (Option<U&> if f returns an lvalue
  // reference). Rust's `map`.
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

  // Option::or_else(f)
  //
  // This Option if it has a value, else f() -> Option<T>.
  template <class F>
  constexpr Option or_else(F&& f) const& {
    static_assert(std::is_same_v<std::remove_cvref_t<std::invoke_result_t<F>>, Option>,
                  "or_else: f must return the same Option type");
    return has_value() ? *this : std::invoke(std::forward<F>(f));
  }
  template <class F>
  constexpr Option or_else(F&& f) && {
    static_assert(std::is_same_v<std::remove_cvref_t<std::invoke_result_t<F>>, Option>,
                  "or_else: f must return the same Option type");
    return has_value() ? std::move(*this) : std::invoke(std::forward<F>(f));
  }

  // Option::ok_or(error)
  //
  // Result<T, E> holding the value, or Err(error) if empty. The error's
  // creation site (checked mode) is the ok_or() call.
  // REQUIRES: T is not a reference (use `copied().ok_or(e)`).
  template <class E>
  requires(!kIsRef) constexpr Result<T, std::remove_cvref_t<E>> ok_or(
      E&& error, SourceLocation where = SourceLocation::current()) const& {
    if (has_value()) return Result<T, std::remove_cvref_t<E>>(std::in_place, s_.get());
    return Err<std::remove_cvref_t<E>>(std::forward<E>(error), where);
  }
  template <class E>
  requires(!kIsRef) constexpr Result<T, std::remove_cvref_t<E>> ok_or(
      E&& error, SourceLocation where = SourceLocation::current()) && {
    if (has_value()) return Result<T, std::remove_cvref_t<E>>(std::in_place, std::move(s_).get());
    return Err<std::remove_cvref_t<E>>(std::forward<E>(error), where);
  }

  // Option::copied()
  //
  // Option<T&> -> Option<T>: a copy of the referent, or empty.
  constexpr Option<Plain> copied() const requires kIsRef {
    return has_value() ? Option<Plain>(s_.get()) : Option<Plain>();
  }

  // Option::take()
  //
  // Moves the value out into the returned Option and leaves this one empty
  // (Rust's `Option::take`).
  constexpr Option take() noexcept(kIsRef || std::is_nothrow_move_constructible_v<T>) {
    Option out = std::move(*this);
    s_.reset();
    return out;
  }

  // Option::reset(), Option::emplace(args...)
  constexpr void reset() noexcept { s_.reset(); }
  template <class... Args>
  constexpr decltype(auto) emplace(Args&&... args) {
    return s_.emplace(std::forward<Args>(args)...);
  }

  // Comparison: equal when both are empty or both hold equal values.
  friend constexpr bool operator==(const Option& a, const Option& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || a.s_.get() == b.s_.get();
  }
  friend constexpr bool operator==(const Option& a, std::nullopt_t) noexcept {
    return !a.has_value();
  }
  template <class U>
  requires(!internal::is_option_v<U> && !std::is_same_v<U, std::nullopt_t>) friend constexpr bool
  operator==(const Option& a, const U& value) {
    return a.has_value() && a.s_.get() == value;
  }

 private:
  constexpr void ensure(std::string_view what, SourceLocation where) const {
    if (!has_value()) [[unlikely]]
      panic(what, where);
  }
  constexpr void assume_value() const noexcept {
    if (!has_value()) [[unlikely]]
      panic("dereferenced an empty Option");
  }

  template <class Self>
  static constexpr decltype(auto) forward_value(Self&& self) {
    // An Option<T&> hands on the reference itself, whatever Self is.
    if constexpr (kIsRef) {
      return self.s_.get();
    } else {
      return internal::forward_like<Self>(self.s_.get());
    }
  }

  template <class Self, class F>
  static constexpr auto and_then_impl(Self&& self, F&& f) {
    using R = std::remove_cvref_t<
        std::invoke_result_t<F, decltype(forward_value(std::forward<Self>(self)))>>;
    static_assert(internal::is_option_v<R>, "and_then: f must return an Option");
    if (!self.has_value()) return R();
    return std::invoke(std::forward<F>(f), forward_value(std::forward<Self>(self)));
  }

  template <class Self, class F>
  static constexpr auto transform_impl(Self&& self, F&& f) {
    using U = std::invoke_result_t<F, decltype(forward_value(std::forward<Self>(self)))>;
    static_assert(!std::is_void_v<U>, "transform: f must return a value");
    using R = Option<std::conditional_t<std::is_lvalue_reference_v<U>, U, std::remove_cvref_t<U>>>;
    if (!self.has_value()) return R();
    return internal::invoke_into<R>(std::forward<F>(f), forward_value(std::forward<Self>(self)));
  }

  internal::OptionStorage<T> s_;
};

}  // namespace safelab::err

#endif  // SAFELAB_ERR_OPTION_H_
