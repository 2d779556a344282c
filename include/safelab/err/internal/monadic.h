// safelab/err/internal/monadic.h
//
// INTERNAL: not part of the API; include result.h or option.h instead.
//
// The plumbing that Result's and Option's and_then / transform / or_else /
// transform_error share: passing a member on with the value category of the
// object it belongs to, and building the returned Result or Option from
// whatever the callable gave back. Each operation's own rule (what happens
// to an error, which types must match) stays in its class.
//
//   forward_like<Self>(m)    m as Self's value category (C++23's
//                            std::forward_like, for a member reference)
//   invoke_into<R>(f, a...)  R holding f(a...): R() when f returns void,
//                            R(ref) for an lvalue reference, otherwise
//                            R(std::in_place, ...) so the value is moved once
#ifndef SAFELAB_ERR_INTERNAL_MONADIC_H_
#define SAFELAB_ERR_INTERNAL_MONADIC_H_

#include <functional>
#include <type_traits>
#include <utility>

namespace safelab::err::internal {

// forward_like<Self>(member)
//
// `self.member` passed on as an lvalue when Self is an lvalue reference
// (the operation was called on an lvalue: copy), else as an xvalue (called
// on an rvalue: move). Constness comes from `member` itself.
template <class Self, class M>
constexpr decltype(auto) forward_like(M& member) noexcept {
  if constexpr (std::is_lvalue_reference_v<Self>) {
    return member;
  } else {
    return std::move(member);
  }
}

// invoke_into<R>(f, args...)
//
// Calls f(args...) and wraps its result in R (a Result or an Option).
template <class R, class F, class... Args>
constexpr R invoke_into(F&& f, Args&&... args) {
  using U = std::invoke_result_t<F, Args...>;
  if constexpr (std::is_void_v<U>) {
    std::invoke(std::forward<F>(f), std::forward<Args>(args)...);
    return R();
  } else if constexpr (std::is_lvalue_reference_v<U>) {
    return R(std::invoke(std::forward<F>(f), std::forward<Args>(args)...));
  } else {
    return R(std::in_place, std::invoke(std::forward<F>(f), std::forward<Args>(args)...));
  }
}

}  // namespace safelab::err::internal

#endif  // SAFELAB_ERR_INTERNAL_MONADIC_H_
