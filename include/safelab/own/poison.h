// include/safelab/own/poison.h
//
// Lock poisoning, as in Rust's std::sync.
//
// When a thread leaves a critical section by an exception (Rust: a panic),
// the data it was changing may be half-updated. A *poisoning* lock remembers
// that: from then on every acquisition reports it, until someone decides the
// data is fine and clears the flag. Poisoning is advisory (the data is still
// there and reachable on request), but it cannot be ignored by accident.
//
//   LockResult<G>    err::Result<G, PoisonError<G>>, what lock_result(),
//                    read_result(), write_result() and into_inner() return
//                    (Rust's LockResult): the guard, or, if the lock is
//                    poisoned, a PoisonError that still holds it
//   PoisonError<G>   the error: `into_inner()` hands the guard over, as
//                    `get_ref()` / `get_mut()` lend it (Rust's PoisonError)
//   PoisonError<>    the exception lock(), read(), write() and with() throw
//                    on a poisoned lock; the lock is NOT held when it arrives
//   own::into_inner  `r.unwrap_or_else(own::into_inner)`: the guard, poisoned
//                    or not (Rust's `unwrap_or_else(PoisonError::into_inner)`)
//   TryLockResult<G> err::Result<G, TryLockError<G>>, what try_lock_result()
//                    returns (Rust's try_lock()): the guard, or WouldBlock, or
//                    Poisoned with the guard inside
//
// How it differs from Rust: lock() throws PoisonError<> instead of returning
// Err (the *_result() forms are Rust's lock()); unwrap() on a poisoned
// LockResult panics (err::panic) as in Rust. Why the throwing form keeps the
// short name is written in mutex.h.
//
// How a lock learns it was abandoned: a guard records the thread's count of
// uncaught exceptions when it is made and compares on destruction; a larger
// count means the guard is being destroyed by stack unwinding (Rust's
// `thread::panicking()`). A guard made *inside* a destructor during
// unwinding therefore does not poison unless a new exception escapes it.
//
// The count is std::uncaught_exceptions(), read without the call: in
// libstdc++ that function is an out-of-line call into the shared library
// that looks up a thread-local (~9 ns each, two per guard: 3.4x the cost of
// an uncontended lock/unlock). Where the runtime follows the Itanium C++
// ABI's exception globals (libstdc++, libc++abi; see UnwindToken), the
// guard keeps the counter's *address* beside the count it saw, so reading
// it again on destruction is one load through a pointer already in a
// register. And since the count lives in the runtime's memory, not behind an
// atomic, the compiler may prove that nothing between the two reads can
// throw (an inlined critical section of plain arithmetic) and drop the
// comparison altogether: the poisoning guard then costs what the
// non-poisoning one does. Elsewhere it calls std::uncaught_exceptions().
//
// Locks that never poison are in namespace own::nonpoison (see mutex.h): use
// them when an exception can never leave the data inconsistent, or when the
// caller restores invariants itself.
#ifndef SAFELAB_OWN_POISON_H_
#define SAFELAB_OWN_POISON_H_

#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "safelab/err/result.h"

// Whether the C++ runtime keeps the Itanium C++ ABI's per-thread exception
// globals (section 2.2.2, "Caught exception stack"): libstdc++'s libsupc++
// and LLVM's libc++abi do; <cxxabi.h> declares __cxa_get_globals() there.
// Anything else falls back to std::uncaught_exceptions().
#if defined(__has_include)
#if __has_include(<cxxabi.h>)
#include <cxxabi.h>
#endif
#endif
#if defined(__GLIBCXX__) || defined(_LIBCPPABI_VERSION)
#define SAFELAB_OWN_ITANIUM_EH_GLOBALS 1
#endif

namespace safelab::own {

// PoisonError<G>
//
// The error of a LockResult<G>: the lock was poisoned, and here is its guard
// (or, from into_inner(), the data) anyway.
template <class G = void>
class PoisonError {
 public:
  explicit PoisonError(G inner) : inner_(std::move(inner)) {}

  // PoisonError<G>::into_inner() / get_ref() / get_mut()
  //
  // The guard: the caller takes responsibility for the data's invariants.
  // Does not clear the poison flag (clear_poison() does).
  G into_inner() && { return std::move(inner_); }
  const G& get_ref() const noexcept { return inner_; }
  G& get_mut() noexcept { return inner_; }

  std::string to_string() const { return "poisoned lock: another task failed inside"; }

 private:
  G inner_;
};

// PoisonError<>
//
// Thrown by an acquisition on a poisoned lock (lock(), read(), write(),
// with(), try_lock()...), after the lock was released: there is no guard to
// hand over. `what()` names the lock kind and how to recover
// (clear_poison(), or lock_result().unwrap_or_else(own::into_inner)).
template <>
class PoisonError<void> : public std::runtime_error {
 public:
  explicit PoisonError(const char* lock_kind);
  ~PoisonError() override;
  PoisonError(const PoisonError&) = default;
  PoisonError& operator=(const PoisonError&) = default;
};

// LockResult<G>
//
// Rust's `type LockResult<G> = Result<G, PoisonError<G>>`.
template <class G>
using LockResult = err::Result<G, PoisonError<G>>;

// TryLockError<G>
//
// Rust's `enum TryLockError<T> { Poisoned(PoisonError<T>), WouldBlock }`:
// why a try_lock_result() did not simply hand over the guard. Either the
// lock is held elsewhere (is_would_block(), no guard), or it was free but is
// poisoned (is_poisoned(): the guard is inside, as in a LockResult).
template <class G>
class TryLockError {
 public:
  // TryLockError<G>::would_block()
  //
  // The lock is held by someone else (Rust's `TryLockError::WouldBlock`).
  static TryLockError would_block() { return TryLockError(); }
  explicit TryLockError(PoisonError<G> poisoned) : poisoned_(std::move(poisoned)) {}

  bool is_would_block() const noexcept { return !poisoned_.has_value(); }
  bool is_poisoned() const noexcept { return poisoned_.has_value(); }

  // TryLockError<G>::into_poison_error()
  //
  // The PoisonError (and through it the guard).
  // REQUIRES: is_poisoned().
  PoisonError<G> into_poison_error() && { return *std::move(poisoned_); }

  // Rust's Display texts for the two variants.
  std::string to_string() const {
    return poisoned_ ? poisoned_->to_string() : "try_lock failed because the operation would block";
  }

 private:
  TryLockError() = default;
  std::optional<PoisonError<G>> poisoned_;
};

// TryLockResult<G>
//
// Rust's `type TryLockResult<G> = Result<G, TryLockError<G>>`.
template <class G>
using TryLockResult = err::Result<G, TryLockError<G>>;

// own::into_inner
//
// A PoisonError's guard, as a callable: `m.lock_result().unwrap_or_else(
// own::into_inner)` is Rust's `m.lock().unwrap_or_else(PoisonError::into_inner)`.
struct IntoInner {
  template <class G>
  G operator()(PoisonError<G>&& e) const {
    return std::move(e).into_inner();
  }
};
inline constexpr IntoInner into_inner{};

namespace internal {

// Throws PoisonError<>(lock_kind). Out of line and cold, so a lock's hot path
// carries one predictable branch instead of the exception's construction.
[[noreturn, gnu::cold]] void throw_poison_error(const char* lock_kind);

#if defined(SAFELAB_OWN_ITANIUM_EH_GLOBALS)
// The address of this thread's uncaught-exception count inside the C++
// runtime (the Itanium C++ ABI's __cxa_eh_globals::uncaughtExceptions).
// Out of line: it is called once per thread.
[[gnu::cold, gnu::returns_nonnull]] const unsigned int* uncaught_exceptions_slot() noexcept;

// uncaught_count()
//
// This thread's counter, the address cached in a thread_local of our own.
// constinit (a null pointer), so no TLS init guard or wrapper call: one load
// from %fs and one predictable branch once this thread has asked once.
inline const unsigned int* uncaught_count() noexcept {
  static thread_local constinit const unsigned int* slot = nullptr;
  const unsigned int* p = slot;
  if (p == nullptr) [[unlikely]] {
    p = uncaught_exceptions_slot();
    slot = p;
  }
  return p;
}

// uncaught_exceptions()
//
// std::uncaught_exceptions(), equal to it at every point (safelab's tests
// check it at nesting depths 0, 1 and 2, in a fresh thread too).
inline int uncaught_exceptions() noexcept { return static_cast<int>(*uncaught_count()); }

// UnwindToken
//
// What a poisoning guard remembers: where the thread's count is and what it
// was. The pointer rides in the guard (16 bytes, in registers when the
// guard is inlined) so that unwinding_since() is a single load.
struct UnwindToken {
  const unsigned int* count;
  unsigned int at_entry;

  static UnwindToken take() noexcept {
    const unsigned int* p = uncaught_count();
    return {p, *p};
  }
  // Whether this thread has started unwinding since take(): true only in a
  // destructor run by an exception that was thrown after take().
  bool unwinding_since() const noexcept { return *count > at_entry; }
};
#else
// The portable form: the standard function, twice per guard.
inline int uncaught_exceptions() noexcept { return std::uncaught_exceptions(); }

struct UnwindToken {
  int at_entry;

  static UnwindToken take() noexcept { return {std::uncaught_exceptions()}; }
  bool unwinding_since() const noexcept { return std::uncaught_exceptions() > at_entry; }
};
#endif

// The poison bit of a poisoning lock. Written only while the lock is held;
// read either under the lock (exact) or through is_poisoned() (a snapshot).
// Relaxed ordering suffices: the lock itself orders the accesses that matter.
class PoisonFlag {
 public:
  static constexpr bool kPoisons = true;
  using Token = UnwindToken;

  static Token enter() noexcept { return UnwindToken::take(); }
  void leave(Token token) noexcept {
    if (token.unwinding_since()) [[unlikely]] {
      poisoned_.store(true, std::memory_order_relaxed);
    }
  }
  // Marks the lock poisoned; for with(), which sees the exception itself.
  void set() noexcept { poisoned_.store(true, std::memory_order_relaxed); }
  bool poisoned() const noexcept { return poisoned_.load(std::memory_order_relaxed); }
  void clear() noexcept { poisoned_.store(false, std::memory_order_relaxed); }

 private:
  std::atomic<bool> poisoned_{false};
};

// The policy of a lock that never poisons: every hook compiles to nothing.
class NoPoison {
 public:
  static constexpr bool kPoisons = false;
  struct Token {};

  static Token enter() noexcept { return {}; }
  static void leave(Token) noexcept {}
  static void set() noexcept {}
  static bool poisoned() noexcept { return false; }
  static void clear() noexcept {}
};

// The poisoning steps every lock shares (Mutex<T>, RwLock<T>'s writer),
// written once for both policies.

// reject_if_poisoned()
//
// Called with the lock just acquired: if it is poisoned, runs `release`
// (which unlocks) and throws PoisonError, so the exception never leaves with
// the lock held. A no-op for NoPoison.
template <class Poison, class Release>
void reject_if_poisoned(const Poison& poison, Release&& release, const char* lock_kind) {
  if (poison.poisoned()) [[unlikely]] {
    release();
    throw_poison_error(lock_kind);
  }
}

// invoke_poisoning()
//
// `fn(value)` for the with() forms: an exception from `fn` poisons and
// propagates. The try/catch is free when nothing throws, so with() needs
// no uncaught-exception bookkeeping at all.
// REQUIRES: the caller holds the lock exclusively.
template <class Poison, class F, class V>
decltype(auto) invoke_poisoning(Poison& poison, F& fn, V& value) {
  if constexpr (Poison::kPoisons) {
    try {
      return std::invoke(fn, value);
    } catch (...) {
      poison.set();
      throw;
    }
  } else {
    return std::invoke(fn, value);
  }
}

// lock_result()
//
// The *_result() forms' answer: `inner` as a success, or, if the lock is
// poisoned, as a PoisonError holding it.
template <class G>
LockResult<G> lock_result(bool poisoned, G&& inner) {
  if (poisoned) [[unlikely]]
    return err::Err(PoisonError<G>(std::forward<G>(inner)));
  return LockResult<G>(std::in_place, std::forward<G>(inner));
}

// try_lock_result()
//
// The try_*_result() forms' answer once the lock was taken: `inner`, or a
// TryLockError::Poisoned holding it.
template <class G>
TryLockResult<G> try_lock_result(bool poisoned, G&& inner) {
  if (poisoned) [[unlikely]]
    return err::Err(TryLockError<G>(PoisonError<G>(std::forward<G>(inner))));
  return TryLockResult<G>(std::in_place, std::forward<G>(inner));
}

// take_inner()
//
// into_inner()'s result: the value itself for NoPoison, else a
// LockResult<V> carrying the poison bit.
template <class Poison, class V>
auto take_inner(const Poison& poison, V&& value) {
  using T = std::remove_cvref_t<V>;
  if constexpr (Poison::kPoisons) {
    return lock_result(poison.poisoned(), T(std::forward<V>(value)));
  } else {
    return T(std::forward<V>(value));
  }
}

// get_inner_mut()
//
// get_mut()'s result: `value` itself for NoPoison, else a
// LockResult<std::reference_wrapper<V>> carrying the poison bit (err::Result
// holds no references; Rust's is LockResult<&mut T>).
template <class Poison, class V>
decltype(auto) get_inner_mut(const Poison& poison, V& value) {
  if constexpr (Poison::kPoisons) {
    return lock_result(poison.poisoned(), std::ref(value));
  } else {
    return (value);
  }
}

}  // namespace internal
}  // namespace safelab::own

#endif  // SAFELAB_OWN_POISON_H_
