// include/safelab/own/internal/futex_mutex.h
//
// FutexMutex: the lock word under own::Mutex<T> (through
// AnnotatedTimedMutex), after Rust's futex Mutex on Linux.
//
// One 32-bit word, three states:
//   0  unlocked
//   1  locked, nobody sleeping
//   2  locked, and a thread may be sleeping on the word (contended)
//
//   lock()    compare-and-swap 0 -> 1; if that fails, spin a bounded while
//             (futex_spin(): seven looks, further and further apart) as long
//             as the holder has not been seen to have sleepers, then swap
//             in 2 and sleep on the word until the swap returns 0
//   unlock()  swap in 0; only if the old state was 2, wake one sleeper
//
// So an uncontended lock/unlock is two atomic instructions and no call, and
// the kernel is entered only when a thread really has to sleep. State 2 is
// conservative: a woken thread takes the lock as 2, since it cannot know
// whether others still sleep, which costs at most one needless wake.
//
// Why spin at all, and only a few microseconds: a critical section of a few
// instructions is usually over before a futex round trip would even start;
// a long one is not worth burning a core for. Why the looks are spread out
// (Rust looks after every pause): see futex_spin().
#ifndef SAFELAB_OWN_INTERNAL_FUTEX_MUTEX_H_
#define SAFELAB_OWN_INTERNAL_FUTEX_MUTEX_H_

#include <cstdint>
#include <optional>

#include "safelab/own/internal/deadline.h"
#include "safelab/own/internal/futex.h"

namespace safelab::own::internal {

class FutexMutex {
 public:
  FutexMutex() noexcept { TsanMutex::create(this); }
  ~FutexMutex() { TsanMutex::destroy(this); }
  FutexMutex(const FutexMutex&) = delete;
  FutexMutex& operator=(const FutexMutex&) = delete;

  void lock() noexcept {
    TsanMutex::pre_lock(this, 0);
    std::uint32_t expected = kUnlocked;
    if (!state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                        std::memory_order_relaxed)) [[unlikely]] {
      lock_contended(std::nullopt);
    }
    TsanMutex::post_lock(this, 0);
  }

  bool try_lock() noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kTry);
    std::uint32_t expected = kUnlocked;
    const bool got = state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                                    std::memory_order_relaxed);
    TsanMutex::post_lock(this, got ? TsanMutex::kTry : TsanMutex::kTry | TsanMutex::kTryFailed);
    return got;
  }

  // Locks by `deadline` (steady clock) or returns false; nullopt waits
  // without one.
  bool try_lock_until(std::optional<TimedWaitClock::time_point> deadline) noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kTry);
    std::uint32_t expected = kUnlocked;
    bool got = state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                              std::memory_order_relaxed);
    if (!got) got = lock_contended(deadline);
    TsanMutex::post_lock(this, got ? TsanMutex::kTry : TsanMutex::kTry | TsanMutex::kTryFailed);
    return got;
  }

  void unlock() noexcept {
    TsanMutex::pre_unlock(this, 0);
    if (state_.exchange(kUnlocked, std::memory_order_release) == kContended) [[unlikely]] {
      futex_wake(state_, 1);
    }
    TsanMutex::post_unlock(this, 0);
  }

 private:
  static constexpr std::uint32_t kUnlocked = 0;
  static constexpr std::uint32_t kLocked = 1;
  static constexpr std::uint32_t kContended = 2;
  // Spins a bounded while (futex_spin()) as long as the lock is held
  // without sleepers; returns the state last seen.
  std::uint32_t spin() noexcept {
    return futex_spin(state_, [](std::uint32_t s) { return s == kLocked; });
  }

  [[gnu::noinline]] bool lock_contended(
      std::optional<TimedWaitClock::time_point> deadline) noexcept {
    std::uint32_t s = spin();
    if (s == kUnlocked) {
      if (state_.compare_exchange_strong(s, kLocked, std::memory_order_acquire,
                                         std::memory_order_relaxed)) {
        return true;
      }
    }
    for (;;) {
      // Swapping in 2 both takes a free lock and marks a held one as having
      // a sleeper, so that its unlock() wakes us.
      if (s != kContended && state_.exchange(kContended, std::memory_order_acquire) == kUnlocked) {
        return true;
      }
      if (!futex_wait(state_, kContended, deadline)) {
        // Timed out. A last try, so that a lock freed just now is not missed
        // (our 2 may be the only trace of a sleeper: at worst one needless
        // wake later).
        std::uint32_t expected = kUnlocked;
        return state_.compare_exchange_strong(expected, kContended, std::memory_order_acquire,
                                              std::memory_order_relaxed);
      }
      s = spin();
    }
  }

  FutexWord state_{kUnlocked};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_FUTEX_MUTEX_H_
