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
//   PoisonError      the exception lock(), read(), write() and with() throw
//                    on a poisoned lock; the lock is NOT held when it arrives
//   LockResult<G>    what lock_result() returns: a guard plus the poison bit;
//                    `.value()` throws like lock(), `.into_inner()` hands the
//                    guard over regardless (Rust's PoisonError::into_inner)
//
// How a lock learns it was abandoned: a guard records
// std::uncaught_exceptions() when it is made and compares on destruction;
// a larger count means the guard is being destroyed by stack unwinding
// (Rust's `thread::panicking()`). A guard made *inside* a destructor during
// unwinding therefore does not poison unless a new exception escapes it.
//
// Locks that never poison are in namespace own::nonpoison (see mutex.h): use
// them when an exception can never leave the data inconsistent, or when the
// caller restores invariants itself.
#ifndef SAFELAB_OWN_POISON_H_
#define SAFELAB_OWN_POISON_H_

#include <atomic>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace safelab::own {

// PoisonError
//
// Thrown by an acquisition on a poisoned lock. `what()` names the lock kind
// and how to recover (clear_poison(), or lock_result().into_inner()).
class PoisonError : public std::runtime_error {
 public:
  explicit PoisonError(const char* lock_kind);
  ~PoisonError() override;
  PoisonError(const PoisonError&) = default;
  PoisonError& operator=(const PoisonError&) = default;
};

// LockResult<G>
//
// A guard (or, from into_inner(), the value itself) together with whether
// the lock was poisoned when it was taken. Mirrors Rust's
// `LockResult<Guard> = Result<Guard, PoisonError<Guard>>`, with the guard
// always present.
template <class G>
class [[nodiscard]] LockResult {
 public:
  LockResult(G inner, bool poisoned, const char* lock_kind)
      : inner_(std::move(inner)), poisoned_(poisoned), kind_(lock_kind) {}

  // LockResult::is_poisoned()
  //
  // Whether a previous holder left the lock by an exception.
  bool is_poisoned() const noexcept { return poisoned_; }

  // LockResult::value()
  //
  // The guard, if the lock was not poisoned (Rust's `unwrap()`).
  // Throws PoisonError otherwise; the guard is then destroyed, releasing the
  // lock, before the exception reaches the caller.
  G value() && {
    if (poisoned_) {
      { G discard = std::move(inner_); }  // release the lock before throwing
      throw PoisonError(kind_);
    }
    return std::move(inner_);
  }

  // LockResult::into_inner()
  //
  // The guard whether or not the lock was poisoned: the caller takes
  // responsibility for the data's invariants (Rust's
  // `unwrap_or_else(PoisonError::into_inner)`). Does not clear the flag.
  G into_inner() && { return std::move(inner_); }

 private:
  G inner_;
  bool poisoned_;
  const char* kind_;
};

namespace internal {

// The poison bit of a poisoning lock. Written only while the lock is held;
// read either under the lock (exact) or through is_poisoned() (a snapshot).
// Relaxed ordering suffices: the lock itself orders the accesses that matter.
class PoisonFlag {
 public:
  static constexpr bool kPoisons = true;
  using Token = int;

  static Token enter() noexcept { return std::uncaught_exceptions(); }
  void leave(Token token) noexcept {
    if (std::uncaught_exceptions() > token) [[unlikely]] {
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

}  // namespace internal
}  // namespace safelab::own

#endif  // SAFELAB_OWN_POISON_H_
