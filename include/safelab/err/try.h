// safelab/err/try.h
//
// SAFELAB_TRY(expr): Rust's `?` operator.
//
//   Result<Config, Error> load(std::string_view path) {
//     std::string text = SAFELAB_TRY(read_file(path));    // returns the error
//     Config cfg = SAFELAB_TRY(parse_config(text));       // ...or unwraps
//     return cfg;
//   }
//
// `expr` must yield a Result<T, E> or an Option<T>:
//
//   * Result holding a value  -> the macro evaluates to the value (moved out);
//     for Result<void, E> to std::monostate, which one simply ignores.
//   * Result holding an error -> the enclosing function returns Err(error).
//     Its return type must be constructible from Err<E> (a Result<U, G> whose
//     G is constructible from E: errors convert on the way out, as with
//     Rust's `From`).
//   * Option holding a value  -> the value.
//   * empty Option            -> the enclosing function returns safelab::err::none.
//
// How it is built, and what that costs you:
//
//   * It is a GNU statement expression, `({ ... })`, supported by GCC and
//     Clang (the only compilers safelab supports) but not ISO C++. Marked
//     `__extension__`, so -Wpedantic stays quiet. A portable form would have
//     to be a statement (`TRY_ASSIGN(lhs, expr);`), which reads worse and
//     cannot nest in an expression; Rust's `?` is an expression, so this is
//     one too, and safelab offers no statement form.
//   * It expands to several statements and a `return`: it can be used only
//     inside a function body, never in a constructor's member-initialiser
//     list, a default argument, or a coroutine (`co_return` would be needed),
//     and `return` leaves the *enclosing function*, not a lambda around it
//     unless the macro is inside that lambda.
//   * It consumes its argument: `SAFELAB_TRY(r)` on a named Result moves from
//     `r` (it is left holding a moved-from value or error). Pass a
//     temporary, or `std::move(r)` to say so.
//   * In checked mode, the propagated error keeps the creation site of the
//     original one, so the eventual report points at the real source.
//
// Abseil deliberately ships no RETURN_IF_ERROR for these reasons (a macro that
// hides a `return`); safelab keeps one because the alternative, an `if` after
// every call, is exactly the noise that makes people use exceptions instead.
// Note that the value is moved out of a temporary that lives until the end of
// the full expression of the statement expression: binding a reference to
// SAFELAB_TRY(...) gets a reference to a copy, never to a dead object.
#ifndef SAFELAB_ERR_TRY_H_
#define SAFELAB_ERR_TRY_H_

#include <optional>
#include <type_traits>
#include <utility>
#include "safelab/err/source_location.h"

#include "safelab/err/option.h"
#include "safelab/err/result.h"

namespace safelab::err::internal {

// The error to return from the enclosing function: an Err that keeps the
// original creation site (checked mode) and converts to its Result type.
template <class T, class E>
constexpr Err<E> try_propagate(Result<T, E>&& r) {
  const SourceLocation where = r.error_location();
  return Err<E>(std::move(r).error(), where);
}
template <class T>
constexpr std::nullopt_t try_propagate(Option<T>&&) noexcept {
  return std::nullopt;
}

// The value the macro evaluates to. Returned by value: the statement
// expression's result is a prvalue, never a reference into the temporary.
template <class T, class E>
constexpr auto try_unwrap(Result<T, E>&& r) {
  return *std::move(r);
}
template <class E>
constexpr std::monostate try_unwrap(Result<void, E>&&) noexcept {
  return {};
}
template <class T>
constexpr auto try_unwrap(Option<T>&& o)
    -> std::conditional_t<std::is_lvalue_reference_v<T>, T, std::remove_cvref_t<T>> {
  return *std::move(o);
}

}  // namespace safelab::err::internal

// SAFELAB_TRY(expr)
//
// See the file comment. Each expansion names its temporary with __COUNTER__,
// so that nested uses (`SAFELAB_TRY(f(SAFELAB_TRY(g())))`) neither collide nor
// shadow one another.
#define SAFELAB_TRY(...) \
  SAFELAB_TRY_IMPL_(SAFELAB_TRY_CONCAT_(safelab_try_, __COUNTER__), __VA_ARGS__)

#define SAFELAB_TRY_CONCAT_INNER_(a, b) a##b
#define SAFELAB_TRY_CONCAT_(a, b) SAFELAB_TRY_CONCAT_INNER_(a, b)
#define SAFELAB_TRY_IMPL_(var, ...)                                   \
  __extension__({                                                     \
    auto&& var = (__VA_ARGS__);                                       \
    if (!var.has_value()) [[unlikely]] {                              \
      return ::safelab::err::internal::try_propagate(std::move(var)); \
    }                                                                 \
    ::safelab::err::internal::try_unwrap(std::move(var));             \
  })

#endif  // SAFELAB_ERR_TRY_H_
