// include/safelab/own/rwlock.h
//
// RwLock<T>: a reader-writer lock that owns its data, after Rust's
// std::sync::RwLock<T>. Many readers or one writer, never both.
//
//   RwLockReadGuard<T>    what read() returns: `*`/`->` give `const T&` only,
//                         so a reader cannot write by mistake
//   RwLockWriteGuard<T>   what write() returns: `T&`, exclusive
//   nonpoison::RwLock<T>  the same lock without poisoning
//
// Guards are move-only and thread-bound (not Sendable), like MutexGuard.
// read(), write(), their try_/_result forms and the guards' `*`/`->` are
// [[clang::lifetimebound]]: mutex.h explains which escaping references
// Clang's -Wdangling then refuses, and which only the sanitizers report.
//
// Poisoning follows Rust: only a *write* guard unwound by an exception
// poisons the lock (a reader cannot have broken anything). A poisoned lock
// makes read(), write(), their try_ forms and with_read()/with_write() throw
// PoisonError<>, without holding the lock; read_result()/write_result() report
// it instead, and clear_poison() recovers.
//
// Underneath is a futex reader-writer word (internal/futex_rwlock.h) that
// prefers writers, as Rust's RwLock on Linux: once a writer waits, new
// readers wait behind it, so a stream of readers cannot starve a writer
// (glibc's pthread_rwlock, used before, let them). The price: readers can
// wait behind a stream of writers, and a thread that asks for a second read
// guard while holding one can deadlock behind a waiting writer (Rust's docs
// warn of the same). safelab's read-mostly benchmark compares it with a raw
// std::shared_mutex. The lock sits alone on a cache line and the
// data starts the next one (see the members), so an RwLock<T> takes at
// least two cache lines: it exists for read-mostly data that several
// threads contend for, where that layout is what keeps readers fast.
//
// Example:
//
//   own::RwLock<Config> config(load());
//   int port = config.read()->port;                // shared, const
//   config.write()->port = 8080;                   // exclusive
//   config.read()->port = 1;                       // compile error: const
#ifndef SAFELAB_OWN_RWLOCK_H_
#define SAFELAB_OWN_RWLOCK_H_

#include <chrono>
#include <concepts>
#include <functional>
#include <optional>
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
class BasicRwLock;

// RwLockReadGuard<T>
//
// Shared access: const T only. Several may exist at once, in several
// threads. Move-only; a moved-from guard throws std::logic_error on access.
template <class T, class Poison>
class [[nodiscard]] BasicRwLockReadGuard {
 public:
  BasicRwLockReadGuard(BasicRwLockReadGuard&& other) noexcept
      : lock_(std::exchange(other.lock_, nullptr)) {}
  BasicRwLockReadGuard& operator=(BasicRwLockReadGuard&& other) noexcept {
    if (this != &other) {
      unlock();
      lock_ = std::exchange(other.lock_, nullptr);
    }
    return *this;
  }
  BasicRwLockReadGuard(const BasicRwLockReadGuard&) = delete;
  BasicRwLockReadGuard& operator=(const BasicRwLockReadGuard&) = delete;
  // Always inlined, as MutexGuard's (mutex.h says why).
  [[gnu::always_inline]] ~BasicRwLockReadGuard() { unlock(); }

  // RwLockReadGuard<T>::operator*() / operator->()
  //
  // The protected value, read-only.
  const T& operator*() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return data(); }
  const T* operator->() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return &data(); }

  bool owns_lock() const noexcept { return lock_ != nullptr; }

  // RwLockReadGuard<T>::unlock()
  //
  // Releases the shared lock early; the guard becomes empty.
  [[gnu::always_inline]] void unlock() noexcept ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (lock_ != nullptr) std::exchange(lock_, nullptr)->mu_.unlock_shared();
  }

 private:
  friend class BasicRwLock<T, Poison>;
  explicit BasicRwLockReadGuard(const BasicRwLock<T, Poison>* lock) noexcept : lock_(lock) {}

  const T& data() const {
    if (lock_ == nullptr) [[unlikely]]
      internal::throw_empty_guard("RwLockReadGuard");
    lock_->mu_.assert_shared_held();
    return lock_->value_;
  }

  const BasicRwLock<T, Poison>* lock_;
};

// RwLockWriteGuard<T>
//
// Exclusive access: T&. Unwinding it by an exception poisons the lock.
template <class T, class Poison>
class [[nodiscard]] BasicRwLockWriteGuard {
 public:
  BasicRwLockWriteGuard(BasicRwLockWriteGuard&& other) noexcept
      : lock_(std::exchange(other.lock_, nullptr)), token_(other.token_) {}
  BasicRwLockWriteGuard& operator=(BasicRwLockWriteGuard&& other) noexcept {
    if (this != &other) {
      unlock();
      lock_ = std::exchange(other.lock_, nullptr);
      token_ = other.token_;
    }
    return *this;
  }
  BasicRwLockWriteGuard(const BasicRwLockWriteGuard&) = delete;
  BasicRwLockWriteGuard& operator=(const BasicRwLockWriteGuard&) = delete;
  // Always inlined, as MutexGuard's (mutex.h says why).
  [[gnu::always_inline]] ~BasicRwLockWriteGuard() { unlock(); }

  // RwLockWriteGuard<T>::operator*() / operator->()
  //
  // The protected value, writable.
  T& operator*() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return data(); }
  T* operator->() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return &data(); }

  bool owns_lock() const noexcept { return lock_ != nullptr; }

  // RwLockWriteGuard<T>::unlock()
  //
  // Releases the exclusive lock early; the guard becomes empty.
  [[gnu::always_inline]] void unlock() noexcept ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (lock_ == nullptr) return;
    lock_->poison_.leave(token_);
    std::exchange(lock_, nullptr)->mu_.unlock();
  }

 private:
  friend class BasicRwLock<T, Poison>;
  // `token`: as for MutexGuard, read once the lock is held.
  explicit BasicRwLockWriteGuard(BasicRwLock<T, Poison>* lock,
                                 typename Poison::Token token = Poison::enter()) noexcept
      : lock_(lock), token_(token) {}

  T& data() const {
    if (lock_ == nullptr) [[unlikely]]
      internal::throw_empty_guard("RwLockWriteGuard");
    lock_->mu_.assert_held();
    return lock_->value_;
  }

  BasicRwLock<T, Poison>* lock_;
  [[no_unique_address]] typename Poison::Token token_;
};

// RwLock<T>
//
// Not copyable or movable: guards point at it.
template <class T, class Poison>
class BasicRwLock {
 public:
  using value_type = T;
  using read_guard = BasicRwLockReadGuard<T, Poison>;
  using write_guard = BasicRwLockWriteGuard<T, Poison>;

  // RwLock<T>::RwLock()
  //
  // Value-initialises the data, or takes `value`, or constructs in place.
  BasicRwLock() requires std::default_initializable<T> : value_() {}
  explicit BasicRwLock(T value) requires std::move_constructible<T> : value_(std::move(value)) {}
  template <class... Args>
  explicit BasicRwLock(std::in_place_t, Args&&... args) : value_(std::forward<Args>(args)...) {}

  BasicRwLock(const BasicRwLock&) = delete;
  BasicRwLock& operator=(const BasicRwLock&) = delete;

  // RwLock<T>::read()
  //
  // Blocks until no writer holds the lock; returns a shared guard.
  // Errors: throws PoisonError<> if the lock is poisoned.
  // REQUIRES: the calling thread holds no guard of this lock (a second read()
  // can deadlock behind a waiting writer).
  read_guard read() const ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock_shared();
    return adopt_checked_read();
  }

  // RwLock<T>::write()
  //
  // Blocks until no reader or writer holds the lock; returns an exclusive
  // guard. Errors: throws PoisonError<> if the lock is poisoned.
  // REQUIRES: the calling thread holds no guard of this lock.
  write_guard write() ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    return adopt_checked_write();
  }

  // RwLock<T>::read_result() / write_result()
  //
  // As read()/write(), reporting poisoning in the result instead of throwing.
  LockResult<read_guard> read_result() const ABSL_ATTRIBUTE_LIFETIME_BOUND
      ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock_shared();
    return internal::lock_result(poison_.poisoned(), read_guard(this));
  }
  LockResult<write_guard> write_result()
      ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    return internal::lock_result(poison_.poisoned(), write_guard(this));
  }

  // RwLock<T>::try_read() / try_write()
  //
  // The guard if it can be had without blocking, else std::nullopt.
  // Errors: throw PoisonError<> if the lock is poisoned.
  [[nodiscard]] std::optional<read_guard> try_read() const ABSL_ATTRIBUTE_LIFETIME_BOUND
      ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock_shared()) return std::nullopt;
    return adopt_checked_read();
  }
  [[nodiscard]] std::optional<write_guard> try_write()
      ABSL_ATTRIBUTE_LIFETIME_BOUND ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock()) return std::nullopt;
    return adopt_checked_write();
  }

  // RwLock<T>::try_read_for() / try_write_for()
  //
  // As try_read()/try_write(), waiting at most `timeout`.
  template <class Rep, class Period>
  [[nodiscard]] std::optional<read_guard> try_read_for(
      const std::chrono::duration<Rep, Period>& timeout) const ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock_shared_for(timeout)) return std::nullopt;
    return adopt_checked_read();
  }
  template <class Rep, class Period>
  [[nodiscard]] std::optional<write_guard> try_write_for(
      const std::chrono::duration<Rep, Period>& timeout) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!mu_.try_lock_for(timeout)) return std::nullopt;
    return adopt_checked_write();
  }

  // RwLock<T>::with_read() / with_write()
  //
  // Run `fn(const T&)` under a shared lock, or `fn(T&)` under the exclusive
  // lock, and return its result, which may not be a reference or a raw
  // pointer (compile error). An exception from with_write's `fn` poisons.
  template <class F>
  requires std::invocable<F&, const T&> std::invoke_result_t<F&, const T&> with_read(F&& fn)
  const {
    using R = std::invoke_result_t<F&, const T&>;
    static_assert(!std::is_reference_v<R> && !std::is_pointer_v<R>,
                  "RwLock<T>::with_read(fn): fn returns a reference or pointer, which would let "
                  "the protected data escape the lock; return a value instead");
    read_guard guard = read();
    return std::invoke(fn, *guard);
  }
  template <class F>
  requires std::invocable<F&, T&> std::invoke_result_t<F&, T&> with_write(F&& fn) {
    using R = std::invoke_result_t<F&, T&>;
    static_assert(!std::is_reference_v<R> && !std::is_pointer_v<R>,
                  "RwLock<T>::with_write(fn): fn returns a reference or pointer, which would let "
                  "the protected data escape the lock; return a value instead");
    // As Mutex<T>::with(): the catch poisons, no guard bookkeeping.
    mu_.lock();
    AdoptedLock<decltype(mu_)> hold(mu_);  // unlocks after the result is built
    // On poison, `hold` unlocks as the exception leaves.
    internal::reject_if_poisoned(
        poison_, [] {}, "RwLock");
    return internal::invoke_poisoning(poison_, fn, value_);
  }

  // RwLock<T>::is_poisoned() / clear_poison()
  //
  // As Mutex<T>'s: a snapshot of the flag, and the recovery.
  bool is_poisoned() const noexcept requires(Poison::kPoisons) { return poison_.poisoned(); }
  void clear_poison() noexcept requires(Poison::kPoisons) { poison_.clear(); }

  // RwLock<T>::into_inner()
  //
  // Moves the data out (see Mutex<T>::into_inner()).
  // REQUIRES: no guard exists and no other thread uses the lock.
  auto into_inner() && ABSL_NO_THREAD_SAFETY_ANALYSIS {
    return internal::take_inner(poison_, std::move(value_));
  }

 private:
  friend class BasicRwLockReadGuard<T, Poison>;
  friend class BasicRwLockWriteGuard<T, Poison>;

  // REQUIRES: mu_ held shared / exclusively. Hand it to a guard, or release
  // it and throw.
  read_guard adopt_checked_read() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
    internal::reject_if_poisoned(
        poison_, [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { mu_.unlock_shared(); }, "RwLock");
    return read_guard(this);
  }
  // The token is read after the poison bit, as in Mutex<T>::adopt_checked().
  write_guard adopt_checked_write() ABSL_NO_THREAD_SAFETY_ANALYSIS {
    internal::reject_if_poisoned(
        poison_, [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { mu_.unlock(); }, "RwLock");
    return write_guard(this, Poison::enter());
  }

  // Layout, for the contended read path. When the lock word shared a cache
  // line with the data that writers change, each write invalidated a line
  // every reader needs just to take the lock (measured with the earlier
  // pthread_rwlock: 1.8x std::shared_mutex at 2 threads). So the lock
  // starts a cache line, the poison bit (read by every acquisition,
  // written almost never) fills the rest of it, and the data starts the
  // next line. 64 rather than std::hardware_destructive_interference_size,
  // whose value g++ warns may differ between translation units.
  alignas(64) mutable AnnotatedSharedMutex mu_;
  [[no_unique_address]] Poison poison_;
  alignas(64) T value_ ABSL_GUARDED_BY(mu_);
};

template <class T>
using RwLock = BasicRwLock<T, internal::PoisonFlag>;
template <class T>
using RwLockReadGuard = BasicRwLockReadGuard<T, internal::PoisonFlag>;
template <class T>
using RwLockWriteGuard = BasicRwLockWriteGuard<T, internal::PoisonFlag>;

namespace nonpoison {

// nonpoison::RwLock<T>
//
// An RwLock<T> that never poisons.
template <class T>
using RwLock = BasicRwLock<T, internal::NoPoison>;
template <class T>
using RwLockReadGuard = BasicRwLockReadGuard<T, internal::NoPoison>;
template <class T>
using RwLockWriteGuard = BasicRwLockWriteGuard<T, internal::NoPoison>;

}  // namespace nonpoison

// Thread-bound (sendable.h). Rust: "impl<T: ?Sized> !Send for
// RwLockReadGuard<'_, T>" (and the write guard): a lock must be released by
// the thread that took it.
template <class T, class P>
inline constexpr bool disable_sendable<BasicRwLockReadGuard<T, P>> = true;
template <class T, class P>
inline constexpr bool disable_sendable<BasicRwLockWriteGuard<T, P>> = true;

namespace internal {
// Rust: "impl<T: ?Sized + Send + Sync> Sync for RwLock<T>": readers share
// a const T at once, so T must be Sync as well as Sendable.
template <class T, class P>
struct IsSync<BasicRwLock<T, P>> : std::bool_constant<IsSendable<std::remove_cv_t<T>>::value &&
                                                      IsSync<std::remove_cv_t<T>>::value> {};
}  // namespace internal

}  // namespace safelab::own

#endif  // SAFELAB_OWN_RWLOCK_H_
