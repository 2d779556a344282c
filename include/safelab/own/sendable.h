// include/safelab/own/sendable.h
//
// Sendable<T>: the types that may be *moved* to another thread, after Rust's
// `Send` marker trait, as far as C++ can tell them apart.
//
// A value handed to another thread (through a Channel, or as an argument of
// Scope::spawn) must own what it refers to. Non-owning views compile happily
// and then dangle or race once the sender moves on. Sendable<T> rejects:
//
//   - references and raw pointers (T&, T*, member pointers)
//   - std::basic_string_view, std::span, std::reference_wrapper
//   - types that opt out: `template <> inline constexpr bool
//     safelab::own::disable_sendable<MyView> = true;`
//   - any class template instantiation with one of the above among its type
//     arguments (std::vector<std::string_view>, std::pair<int, int*>,
//     std::optional<std::span<int>>), recursively
//
// and requires T to be a move-constructible object type.
//
// What it cannot see (document, do not pretend): a class that stores a
// pointer or view as a *member* without saying so, and a lambda's captures.
// Types like that should opt out with disable_sendable; lambdas passed to
// Scope::spawn may borrow from the enclosing scope on purpose, because the
// scope joins before those borrows end (Rust's `thread::scope` allows the
// same).
//
// Example:
//
//   static_assert(own::Sendable<std::string>);
//   static_assert(own::Sendable<std::unique_ptr<Node>>);   // owning pointer
//   static_assert(!own::Sendable<std::string_view>);
//   auto [tx, rx] = own::channel<std::string_view>();      // compile error
#ifndef SAFELAB_OWN_SENDABLE_H_
#define SAFELAB_OWN_SENDABLE_H_

#include <concepts>
#include <cstddef>
#include <functional>
#include <span>
#include <string_view>
#include <type_traits>

namespace safelab::own {

// disable_sendable<T>
//
// Specialise to true for a type that must not cross threads (a view, a
// handle tied to one thread). Ordinary variable-template specialisation:
//
//   template <>
//   inline constexpr bool safelab::own::disable_sendable<RowView> = true;
template <class T>
inline constexpr bool disable_sendable = false;

namespace internal {

template <class T>
struct IsSendable : std::bool_constant<!disable_sendable<T>> {};

// A function type appearing as a template argument (std::function<void()>)
// is a signature, not a stored value.
template <class A>
inline constexpr bool kSendableArg = std::is_function_v<A> || IsSendable<A>::value;

template <template <class...> class Tmpl, class... Args>
struct IsSendable<Tmpl<Args...>>
    : std::bool_constant<!disable_sendable<Tmpl<Args...>> && (kSendableArg<Args> && ...)> {};

template <class T>
struct IsSendable<T*> : std::false_type {};
template <class T>
struct IsSendable<T* const> : std::false_type {};
template <class T>
struct IsSendable<T&> : std::false_type {};
template <class T>
struct IsSendable<T&&> : std::false_type {};
template <class T, class C>
struct IsSendable<T C::*> : std::false_type {};
template <class C, class Tr>
struct IsSendable<std::basic_string_view<C, Tr>> : std::false_type {};
template <class T, std::size_t N>
struct IsSendable<std::span<T, N>> : std::false_type {};
template <class T>
struct IsSendable<std::reference_wrapper<T>> : std::false_type {};
template <class T, std::size_t N>
struct IsSendable<T[N]> : IsSendable<T> {};

}  // namespace internal

// Sendable<T>
//
// True for owning, movable object types; see the header comment for what is
// rejected and what cannot be seen. cv-qualifiers are ignored.
template <class T>
concept Sendable = std::is_object_v<T> && std::move_constructible<std::remove_cv_t<T>> &&
    internal::IsSendable<std::remove_cv_t<T>>::value;

}  // namespace safelab::own

#endif  // SAFELAB_OWN_SENDABLE_H_
