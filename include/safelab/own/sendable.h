// include/safelab/own/sendable.h
//
// Sendable<T>: the types that may be *moved* to another thread, after Rust's
// `Send` marker trait, as far as C++ can tell them apart. Rust's docs:
//
//   Send: "Types that can be transferred across thread boundaries."
//   Sync: "Types for which it is safe to share references between threads.
//         [...] a type T is Sync if and only if &T is Send."
//   Rc: "Rc uses non-atomic reference counting. [...] Rc cannot be sent
//       between threads, and consequently Rc does not implement Send."
//   MutexGuard: "impl<T: ?Sized> !Send for MutexGuard<'_, T>"
//   RefCell: "impl<T: ?Sized> !Sync for RefCell<T>"; Arc<T> is Send only
//       "where T: Sync + Send".
//
// A value handed to another thread (through a Channel, or as an argument of
// Scope::spawn) must own what it refers to and must not be tied to the
// thread that made it. Sendable<T> rejects:
//
//   - references and raw pointers (T&, T*, member pointers)
//   - std::basic_string_view, std::span, std::reference_wrapper
//   - thread-bound types (Rust's `!Send`): the lock guards (a mutex must be
//     unlocked by the thread that locked it), mem::RefCell's Ref/RefMut and
//     mem::gc::Ref (non-atomic counts), and any type that opts out with
//     disable_sendable, or declares `using safelab_not_send = void;` (for
//     components that cannot include this header)
//   - std::shared_ptr<T> / std::weak_ptr<T> unless T is Sendable *and* Sync
//     (Rust's Arc): a shared_ptr<mem::RefCell<T>> shares an unsynchronised
//     borrow count between threads. Not Sync: what is not Sendable, what
//     opts out with disable_sync (or `using safelab_not_sync = void;`, as
//     mem::RefCell does), and templates over such arguments; own::Mutex<T>
//     and own::RwLock<T> are Sync when T is Sendable
//   - any class template instantiation with one of the above among its type
//     arguments (std::vector<std::string_view>, std::pair<int, int*>,
//     std::optional<std::span<int>>, std::array<int*, 4>), recursively
//
// and requires T to be a move-constructible object type.
//
// What it cannot see (document, do not pretend): a class that stores a
// pointer or view as a *member* without saying so, a lambda's captures, and
// the arguments of a template that mixes type and non-type parameters other
// than as <type, size> (std::array's shape). Types like that should opt out
// with disable_sendable; lambdas passed to Scope::spawn may borrow from the
// enclosing scope on purpose, because the scope joins before those borrows
// end (Rust's `thread::scope` allows the same).
//
// Example:
//
//   static_assert(own::Sendable<std::string>);
//   static_assert(own::Sendable<std::unique_ptr<Node>>);   // owning pointer
//   static_assert(!own::Sendable<std::string_view>);
//   static_assert(!own::Sendable<own::MutexGuard<int>>);   // thread-bound
//   auto [tx, rx] = own::channel<std::string_view>();      // compile error
#ifndef SAFELAB_OWN_SENDABLE_H_
#define SAFELAB_OWN_SENDABLE_H_

#include <array>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>

namespace safelab::own {

// disable_sendable<T>
//
// Specialise to true for a type that must not cross threads (a view, a
// handle tied to one thread): Rust's `impl !Send for T`. Ordinary
// variable-template specialisation, partial ones included:
//
//   template <>
//   inline constexpr bool safelab::own::disable_sendable<RowView> = true;
template <class T>
inline constexpr bool disable_sendable = requires {
  typename T::safelab_not_send;
};

// disable_sync<T>
//
// Specialise to true for a type whose shared references must not be used
// from two threads at once (Rust's `impl !Sync for T`), such as a cell with
// an unsynchronised borrow count. Only matters inside a shared_ptr/weak_ptr.
template <class T>
inline constexpr bool disable_sync = requires {
  typename T::safelab_not_sync;
};

namespace internal {

template <class T>
struct IsSendable : std::bool_constant<!disable_sendable<T>> {};

// IsSync<T>: may a T be reached from several threads at once? Rust derives
// it from the fields; here from the template arguments, as for IsSendable.
// Sync types with interior mutability (own::Mutex, own::RwLock) specialise
// it next to their definition.
template <class T>
struct IsSync : std::bool_constant<IsSendable<T>::value && !disable_sync<T>> {};

// A function type appearing as a template argument (std::function<void()>)
// is a signature, not a stored value.
template <class A>
inline constexpr bool kSendableArg = std::is_function_v<A> || IsSendable<A>::value;
template <class A>
inline constexpr bool kSyncArg = std::is_function_v<A> || IsSync<A>::value;

template <template <class...> class Tmpl, class... Args>
struct IsSendable<Tmpl<Args...>>
    : std::bool_constant<!disable_sendable<Tmpl<Args...>> && (kSendableArg<Args> && ...)> {};
template <template <class...> class Tmpl, class... Args>
struct IsSync<Tmpl<Args...>>
    : std::bool_constant<IsSendable<Tmpl<Args...>>::value && !disable_sync<Tmpl<Args...>> &&
                         (kSyncArg<Args> && ...)> {};

// <type, size> templates (std::array): a non-type parameter does not match
// `class...` above, so this shape is listed on its own.
template <template <class, std::size_t> class Tmpl, class A, std::size_t N>
struct IsSendable<Tmpl<A, N>>
    : std::bool_constant<!disable_sendable<Tmpl<A, N>> && kSendableArg<A>> {};
template <template <class, std::size_t> class Tmpl, class A, std::size_t N>
struct IsSync<Tmpl<A, N>> : std::bool_constant<IsSendable<Tmpl<A, N>>::value &&
                                               !disable_sync<Tmpl<A, N>> && kSyncArg<A>> {};

// Shared ownership hands the same T to every thread holding a copy: Rust's
// Arc<T> is Send only when T is Send + Sync.
template <class T>
struct IsSendable<std::shared_ptr<T>> : std::bool_constant<IsSendable<std::remove_cv_t<T>>::value &&
                                                           IsSync<std::remove_cv_t<T>>::value> {};
template <class T>
struct IsSendable<std::weak_ptr<T>> : IsSendable<std::shared_ptr<T>> {};

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
template <class T, std::size_t N>
struct IsSync<T[N]> : IsSync<T> {};

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
