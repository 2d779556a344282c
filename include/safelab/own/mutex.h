// include/safelab/own/mutex.h
//
// Mutex<T>: a mutual-exclusion lock that owns the data it protects, after
// Rust's std::sync::Mutex<T> and folly::Synchronized.
//
// With a std::mutex beside its data, nothing but discipline stops code from
// touching the data without the lock. Here the data lives inside the lock and
// the only ways to it are a guard or a callback:
//
//   MutexGuard<T>         what lock() returns: move-only, never copyable,
//                         `*` and `->` reach the data, the destructor unlocks
//   Mutex<T>::with(fn)    runs fn(T&) under the lock and returns its result
//   lock_all(m1, m2...)   locks several Mutexes without deadlock (address
//                         order) and returns their guards as a tuple
//   nonpoison::Mutex<T>   the same lock without poisoning (see poison.h)
//
// Poisoning (Rust semantics): if a guard is destroyed by an exception's stack
// unwinding, the Mutex is marked poisoned. From then on lock(), try_lock(),
// try_lock_for() and with() throw own::PoisonError<> *without* holding the lock,
// until clear_poison() is called. lock_result() reports the poison bit
// instead of throwing: it returns an err::Result<guard, PoisonError<guard>>
// (Rust's LockResult), whose error hands the guard over anyway.
//
// The Rust forms, name for name:
//
//   Rust                         safelab
//   m.lock()  -> LockResult      m.lock_result()
//   m.try_lock() -> TryLockResult  m.try_lock_result() (WouldBlock / Poisoned)
//   m.get_mut() -> LockResult<&mut T>  m.get_mut() (LockResult of a
//                                reference_wrapper; T& for nonpoison)
//   m.into_inner() -> LockResult<T>    std::move(m).into_inner()
//   let m2 = m; (move)           Mutex<T> m2(std::move(m)); see "Moving"
//
// Why lock() and try_lock() throw instead: in C++ an ignored return value is
// the easy mistake, and `*m.lock_result()` on an error is a bug that no
// compiler flags, while Rust forces every caller to handle the Err (or to
// write unwrap()). An exception is the C++ way of "cannot be ignored by
// accident", and the usual Rust caller writes `.lock().unwrap()`, which
// panics on poison: lock() is that, with the lock released first. The
// *_result() forms are there for the code that recovers.
//
// Moving (Rust moves a Mutex freely while it is not borrowed; the borrow
// checker proves no guard exists). A Mutex<T> of a movable T is move
// constructible and move assignable: the move takes the source's lock with
// try_lock() while it moves the value and the poison bit, and throws
// std::logic_error if the source is locked (a guard of it is alive, in this
// thread or another). What C++ cannot check: another thread *about to* use
// the source (it then finds a Mutex of a moved-from T, not a crash, but a
// logic error), and references into the old value kept from an earlier
// guard; Rust rejects both at compile time. A function may return a
// Mutex<T> by value (`return Mutex<int>(1);` needs no move at all).
//
// The lock underneath is a futex word of our own (internal/futex_mutex.h),
// Rust's Mutex on Linux: a compare-and-swap to lock, a swap to unlock, a
// system call only when a thread has to sleep; ThreadSanitizer is told about
// it (annotated_mutex.h). CondVar does not wait on it: CondVar pairs with
// AnnotatedMutex (a std::mutex), which channels and scope use, as before.
//
// Cost (measured against a raw lock of the same kind beside its value, and
// against Rust's Mutex; figures in the own guide): nonpoison::Mutex and with()
// compile to the futex lock and unlock plus one load and branch on the poison
// bit. A poisoning guard also reads the thread's uncaught-exception count
// when made (after the poison check, inside the lock) and when destroyed, to
// tell unwinding from a normal exit: a thread-local load and a load through
// the pointer it keeps (see poison.h), not two calls of
// std::uncaught_exceptions() into libstdc++.so (3.4x an uncontended
// lock/unlock). When the critical section is inlined and cannot throw, the
// compiler drops the second read and the comparison: `*m.lock() += 1` is then
// the instructions of the non-poisoning lock.
//
// What C++ cannot stop (Rust's borrow checker can): a reference or pointer
// taken through a guard and kept after the guard is gone. The commonest form
// is a temporary guard in a range-for:
//
//   own::Mutex<std::vector<int>> m;
//   for (int& x : *m.lock()) ++x;   // BUG: the guard dies before the loop
//                                   // body runs; every ++x is unlocked
//   { auto g = m.lock(); for (int& x : *g) ++x; }   // OK: g outlives the loop
//   m.with([](std::vector<int>& v) { for (int& x : v) ++x; });   // OK
//
// Part of it a tool catches. lock(), try_lock(), lock_result() and the
// guard's `*` and `->` are [[clang::lifetimebound]], so Clang's -Wdangling
// (on by default) refuses the temporary cases: the range-for above,
// `int& x = *m.lock();`, `&*m.lock()`, and a guard of a temporary Mutex.
// g++ has no such check. Clang does not follow `->` into a member
// (`auto& f = m.lock()->field;`), nor a pointer kept past the guard
// (`int* p = m.lock()->data();`), nor a guard that outlives a *named* Mutex:
// those only ThreadSanitizer or AddressSanitizer report, at run time (the
// catalog topic `escaped_reference` shows the bugs and their verdicts).
// with() refuses callables that return a reference or a raw pointer, which
// closes the easy way out.
//
// Use after move: a moved-from guard owns nothing, and `*` on it throws
// std::logic_error at run time; clang-tidy's bugprone-use-after-move (on in
// the project's .clang-tidy) reports such a use at lint time, as rustc's
// E0382 "borrow of moved value" would at compile time.
//
// Example:
//
//   own::Mutex<std::map<std::string, int>> counts;
//   counts.lock()->emplace("a", 1);              // guard lives to the ';'
//   int n = counts.with([](auto& m) { return static_cast<int>(m.size()); });
//
//   try {
//     auto g = counts.lock();
//     (*g)["b"] = 2;
//     throw std::runtime_error("oops");           // g unwinds: poisoned
//   } catch (const std::runtime_error&) {}
//   auto g = counts.lock();                       // throws own::PoisonError<>
//   counts.clear_poison();                        // we checked: data is fine
#ifndef SAFELAB_OWN_MUTEX_H_
#define SAFELAB_OWN_MUTEX_H_

#include <algorithm>
#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/internal/guard_check.h"
#include "safelab/own/poison.h"
#include "safelab/own/sendable.h"

namespace safelab::own {

template <class T, class Poison>
class BasicMutex;

namespace internal {
struct MutexAccess;
}  // namespace internal

// MutexGuard<T>
//
// Proof that the calling thread holds a Mutex<T>, and the way to its data.
// Made only by the Mutex (lock(), try_lock(), ...). Move-only: copying would
// mean two owners of one lock. A moved-from or unlock()ed guard owns nothing;
// dereferencing it throws std::logic_error.
//
// REQUIRES: the guard is destroyed (or unlock()ed) by the thread that made
// it, before the Mutex is destroyed.
template <class T, class Poison>
class [[nodiscard]] BasicMutexGuard {
 public:
  BasicMutexGuard(BasicMutexGuard&& other) noexcept
      : mutex_(std::exchange(other.mutex_, nullptr)), token_(other.token_) {}
  BasicMutexGuard& operator=(BasicMutexGuard&& other) noexcept {
    if (this != &other) {
      unlock();
      mutex_ = std::exchange(other.mutex_, nullptr);
      token_ = other.token_;
    }
    return *this;
  }
  BasicMutexGuard(const BasicMutexGuard&) = delete;
  BasicMutexGuard& operator=(const BasicMutexGuard&) = delete;
  // Always inlined, in the landing pads too: an out-of-line call there takes
  // the guard's address, which keeps the guard in memory (three stores per
  // acquisition) and hides from the compiler that a guard whose `*` threw
  // (moved from) has nothing to unlock.
  [[gnu::always_inline]] ~BasicMutexGuard() { unlock(); }

  // MutexGuard<T>::operator*() / operator->()
  //
  // The protected value. Valid only while this guard holds the lock.
  T& operator*() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return data(); }
  T* operator->() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return &data(); }

  // MutexGuard<T>::owns_lock()
  //
  // False once the guard has been moved from or unlock()ed.
  bool owns_lock() const noexcept { return mutex_ != nullptr; }

  // MutexGuard<T>::unlock()
  //
  // Releases the lock early (Rust's `drop(guard)`); the guard becomes empty.
  // A no-op on an empty guard.
  [[gnu::always_inline]] void unlock() noexcept ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (mutex_ == nullptr) return;
    mutex_->poison_.leave(token_);
    std::exchange(mutex_, nullptr)->mu_.unlock();
  }

 private:
  friend class BasicMutex<T, Poison>;
  friend struct internal::MutexAccess;

  // REQUIRES: the caller holds `mutex->mu_`; `token` is this thread's
  // Poison::enter(), read after the lock was taken.
  explicit BasicMutexGuard(BasicMutex<T, Poison>* mutex,
                           typename Poison::Token token = Poison::enter()) noexcept
      : mutex_(mutex), token_(token) {}

  T& data() const {
    if (mutex_ == nullptr) [[unlikely]]
      internal::throw_empty_guard("MutexGuard");
    mutex_->mu_.assert_held();  // a live guard is the proof
    return mutex_->value_;
  }

  BasicMutex<T, Poison>* mutex_;
  [[no_unique_address]] typename Poison::Token token_;
};

// Mutex<T>
//
// Not copyable; movable while unlocked when T is (see "Moving" above). T may
// be any object type; a Mutex of a non-movable T is fine (construct in
// place).
template <class T, class Poison>
class BasicMutex {
 public:
  using value_type = T;
  using guard_type = BasicMutexGuard<T, Poison>;

  // Mutex<T>::Mutex()
  //
  // Value-initialises the data, or constructs it from `value`, or in place
  // from `args...` (`Mutex<Widget> m(std::in_place, 1, "x");`).
  BasicMutex() requires std::default_initializable<T> : value_() {}
  explicit BasicMutex(T value) requires std::move_constructible<T> : value_(std::move(value)) {}
  template <class... Args>
  explicit BasicMutex(std::in_place_t, Args&&... args) : value_(std::forward<Args>(args)...) {}

  BasicMutex(const BasicMutex&) = delete;
  BasicMutex& operator=(const BasicMutex&) = delete;

  // Mutex<T>::Mutex(Mutex&&) / operator=(Mutex&&)
  //
  // Moves the value and the poison bit (see "Moving" above); `other` keeps a
  // moved-from T and stays a usable, unlocked Mutex.
  // Errors: throws std::logic_error if `other` (or, for assignment, *this) is
  // locked at the time: a guard of it is alive.
  BasicMutex(BasicMutex&& other) requires std::move_constructible<T> : BasicMutex(Held(other)) {}
  BasicMutex& operator=(
      BasicMutex&& other) requires std::is_move_assignable_v<T> ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (this == &other) return *this;
    Held self(*this);
    Held source(other);
    value_ = std::move(other.value_);
    if (other.poison_.poisoned()) {
      poison_.set();
    } else {
      poison_.clear();
    }
    return *this;
  }

  // Mutex<T>::lock()
  //
  // Blocks until the lock is free and returns the guard that holds it.
  //
  // Errors: throws PoisonError<> if the Mutex is poisoned (the lock is released
  // before the exception leaves).
  // REQUIRES: the calling thread does not already hold this Mutex (it is not
  // recursive: that deadlocks).
  guard_type lock() ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    return adopt_checked();
  }

  // Mutex<T>::lock_result()
  //
  // As lock(), but reports poisoning in the result instead of throwing
  // (Rust's lock()): a LockResult, the guard or a PoisonError holding it.
  //
  //   auto g = m.lock_result().unwrap_or_else(own::into_inner);  // poisoned or not
  //   auto r = m.lock_result();
  //   if (!r) repair(*std::move(r).error().into_inner());
  //   m.lock_result().unwrap();  // <-- panics if poisoned, as in Rust
  LockResult<guard_type> lock_result()
      ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    return internal::lock_result(poison_.poisoned(), guard_type(this));
  }

  // Mutex<T>::try_lock()
  //
  // The guard if the lock was free, std::nullopt if another thread holds it.
  // Never blocks. Errors: throws PoisonError<> if the Mutex is poisoned.
  [[nodiscard]] std::optional<guard_type> try_lock()
      ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock()) return std::nullopt;
    return adopt_checked();
  }

  // Mutex<T>::try_lock_result()
  //
  // Rust's try_lock(): never blocks, and reports both ways of not getting a
  // clean guard in the result. The error is TryLockError::would_block() if
  // another thread holds the lock, or TryLockError(PoisonError(guard)) if
  // the lock was taken but is poisoned (the guard then holds it).
  //
  //   auto r = m.try_lock_result();
  //   if (!r && r.error().is_would_block()) return;   // busy: come back later
  [[nodiscard]] TryLockResult<guard_type> try_lock_result()
      ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock()) return err::Err(TryLockError<guard_type>::would_block());
    return internal::try_lock_result(poison_.poisoned(), guard_type(this));
  }

  // Mutex<T>::get_mut()
  //
  // The data, without locking (Rust's `get_mut(&mut self)`): for code that
  // is the only user of the Mutex, such as its owner before sharing it or
  // after joining every thread. Poisoning is still reported: a
  // LockResult<std::reference_wrapper<T>> (use `.get()`), plain T& for
  // nonpoison::Mutex.
  // REQUIRES: no guard exists and no other thread uses the Mutex (Rust's
  // `&mut self` proves it; C++ cannot, and ThreadSanitizer reports a
  // violation as a data race).
  decltype(auto) get_mut() ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    return internal::get_inner_mut(poison_, value_);
  }

  // Mutex<T>::try_lock_for()
  //
  // As try_lock(), waiting at most `timeout` for the lock to become free.
  // Errors: throws PoisonError<> if the Mutex is poisoned.
  template <class Rep, class Period>
  [[nodiscard]] std::optional<guard_type> try_lock_for(
      const std::chrono::duration<Rep, Period>& timeout) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock_for(timeout)) return std::nullopt;
    return adopt_checked();
  }

  // Mutex<T>::with()
  //
  // Runs `fn(T&)` with the lock held and returns its result. The callable may
  // not return a reference or a raw pointer (compile error): either would
  // outlive the lock. An exception from `fn` poisons the Mutex and propagates.
  // Errors: throws PoisonError<> if the Mutex is already poisoned.
  template <class F>
  requires std::invocable<F&, T&> std::invoke_result_t<F&, T&> with(F&& fn) {
    using R = std::invoke_result_t<F&, T&>;
    static_assert(!std::is_reference_v<R> && !std::is_pointer_v<R>,
                  "Mutex<T>::with(fn): fn returns a reference or pointer, which would let the "
                  "protected data escape the lock; return a value instead");
    // No guard here: catching the exception poisons at zero cost on the
    // happy path, where a guard reads the uncaught-exception count twice.
    // The analysis checks this function: lock, access, unlock.
    mu_.lock();
    AdoptedLock<decltype(mu_)> hold(mu_);  // unlocks after the result is built
    // On poison, `hold` unlocks as the exception leaves.
    internal::reject_if_poisoned(
        poison_, [] {}, "Mutex");
    return internal::invoke_poisoning(poison_, fn, value_);
  }

  // Mutex<T>::is_poisoned()
  //
  // Whether a holder exited by exception. A snapshot: another thread may
  // poison or clear the flag right after it is read.
  bool is_poisoned() const noexcept requires(Poison::kPoisons) { return poison_.poisoned(); }

  // Mutex<T>::clear_poison()
  //
  // Declares the data consistent again; later acquisitions succeed.
  void clear_poison() noexcept requires(Poison::kPoisons) { poison_.clear(); }

  // Mutex<T>::into_inner()
  //
  // Moves the data out of the Mutex (Rust's `into_inner(self)`), leaving it
  // holding a moved-from T. For the poisoning Mutex the result is a
  // LockResult<T>: an error if poisoned, whose into_inner() takes the data
  // regardless (`.unwrap_or_else(own::into_inner)`).
  // REQUIRES: no guard exists and no other thread uses the Mutex.
  auto into_inner() && ABSL_NO_THREAD_SAFETY_ANALYSIS {
    return internal::take_inner(poison_, std::move(value_));
  }

 private:
  friend class BasicMutexGuard<T, Poison>;
  friend struct internal::MutexAccess;

  // Holds a Mutex's lock for a move out of (or into) it, or throws.
  class Held {
   public:
    explicit Held(BasicMutex& m) ABSL_NO_THREAD_SAFETY_ANALYSIS : m_(m) {
      if (!m_.mu_.try_lock()) {
        throw std::logic_error(
            "safelab::own::Mutex: moved while locked (a guard of it is alive); Rust's borrow "
            "checker refuses this at compile time");
      }
    }
    ~Held() ABSL_NO_THREAD_SAFETY_ANALYSIS { m_.mu_.unlock(); }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    BasicMutex& m_;
  };

  // The move constructor's body: `source` holds other's lock until this
  // constructor has finished (a temporary lives to the end of the
  // delegating constructor's full-expression).
  explicit BasicMutex(Held&& source) ABSL_NO_THREAD_SAFETY_ANALYSIS
      : value_(std::move(source.m_.value_)) {
    if (source.m_.poison_.poisoned()) poison_.set();
  }

  // REQUIRES: mu_ is held. Hands it to a guard, or releases it and throws.
  //
  // The guard's unwinding count is read here, after the poison bit: the
  // bit's atomic load would otherwise sit between the guard's two reads of
  // the count, and the compiler may not assume memory unchanged across an
  // atomic, so it could no longer prove the second read redundant.
  guard_type adopt_checked() ABSL_NO_THREAD_SAFETY_ANALYSIS {
    internal::reject_if_poisoned(
        poison_, [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { mu_.unlock(); }, "Mutex");
    return guard_type(this, Poison::enter());
  }

  mutable AnnotatedTimedMutex mu_;
  T value_ ABSL_GUARDED_BY(mu_);
  [[no_unique_address]] Poison poison_;
};

// The poisoning Mutex<T> and its guard: the default.
template <class T>
using Mutex = BasicMutex<T, internal::PoisonFlag>;
template <class T>
using MutexGuard = BasicMutexGuard<T, internal::PoisonFlag>;

namespace nonpoison {

// nonpoison::Mutex<T>
//
// A Mutex<T> that never poisons: an exception that unwinds a guard just
// unlocks. Same API minus is_poisoned()/clear_poison(); lock_result() always
// reports "not poisoned" and into_inner() returns T directly.
template <class T>
using Mutex = BasicMutex<T, internal::NoPoison>;
template <class T>
using MutexGuard = BasicMutexGuard<T, internal::NoPoison>;

}  // namespace nonpoison

// Thread-bound (sendable.h). Rust: "impl<T: ?Sized> !Send for
// MutexGuard<'_, T>": a mutex must be unlocked by the thread that locked it
// (a lock released by another thread would break the owner's critical
// section, and ThreadSanitizer reports it), so
// `s.spawn(f, m.lock())` and a Channel<MutexGuard<T>> do not compile.
template <class T, class P>
inline constexpr bool disable_sendable<BasicMutexGuard<T, P>> = true;

namespace internal {

// Rust: "impl<T: ?Sized + Send> Sync for Mutex<T>": the lock serialises
// every access, so a shared_ptr<Mutex<T>> may cross threads when T may.
template <class T, class P>
struct IsSync<BasicMutex<T, P>> : IsSendable<std::remove_cv_t<T>> {};

struct MutexAccess {
  template <class T, class P>
  static AnnotatedTimedMutex& raw(BasicMutex<T, P>& m) {
    return m.mu_;
  }
  template <class T, class P>
  static bool poisoned(const BasicMutex<T, P>& m) {
    return m.poison_.poisoned();
  }
  template <class T, class P>
  static BasicMutexGuard<T, P> adopt(BasicMutex<T, P>& m) {
    return BasicMutexGuard<T, P>(&m);
  }
};

}  // namespace internal

// lock_all()
//
// Locks every Mutex passed and returns their guards, in argument order, as a
// std::tuple (use structured bindings). The locks are taken in address order,
// so two threads calling lock_all(a, b) and lock_all(b, a) cannot deadlock:
// this is the fix for the lock-order inversion of `bank_transfer`.
//
//   auto [from, to] = own::lock_all(accounts[i], accounts[j]);
//   from->balance -= amount;
//   to->balance += amount;
//
// Errors: throws std::invalid_argument if the same Mutex appears twice (it
// would deadlock), and PoisonError<> if any of them is poisoned; in both cases
// no lock is held when the exception leaves.
template <class... Ts, class... Ps>
[[nodiscard]] std::tuple<BasicMutexGuard<Ts, Ps>...> lock_all(BasicMutex<Ts, Ps>&... mutexes)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  static_assert(sizeof...(mutexes) >= 1, "lock_all() needs at least one Mutex");
  using internal::MutexAccess;
  std::array<AnnotatedTimedMutex*, sizeof...(mutexes)> order{&MutexAccess::raw(mutexes)...};
  std::sort(order.begin(), order.end(), std::less<>{});
  if (std::adjacent_find(order.begin(), order.end()) != order.end()) {
    throw std::invalid_argument(
        "safelab::own::lock_all: the same Mutex was passed twice; locking it twice would "
        "deadlock");
  }
  for (AnnotatedTimedMutex* m : order) m->lock();
  if ((MutexAccess::poisoned(mutexes) || ...)) {
    for (AnnotatedTimedMutex* m : order) m->unlock();
    internal::throw_poison_error("Mutex (in lock_all)");
  }
  return std::tuple<BasicMutexGuard<Ts, Ps>...>(MutexAccess::adopt(mutexes)...);
}

}  // namespace safelab::own

#endif  // SAFELAB_OWN_MUTEX_H_
