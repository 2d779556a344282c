// include/safelab/own/internal/futex_rwlock.h
//
// FutexRwLock: the reader-writer lock word under own::RwLock<T> (through
// AnnotatedSharedMutex). Writer-preferring, as Rust's futex RwLock on Linux
// is: once a writer waits, new readers wait behind it, so a steady stream of
// readers cannot keep a writer out (pthread_rwlock's default on glibc lets
// them, and the writer can starve).
//
// One 32-bit word, so that every change a sleeper waits for changes the word
// it sleeps on (no lost wake-ups, one futex for everyone):
//
//   bits  0..15  readers holding the lock (at most 65534; a reader beyond
//                waits)
//   bit  16      a writer holds the lock
//   bits 17..30  writers waiting (at most 16383; more spin until one leaves)
//   bit  31      someone sleeps on the word: the next release that may let a
//                sleeper in clears the bit and wakes everyone
//
//   read:    readers + 1, if no writer holds the lock *or waits for it*
//   write:   0 readers and no writer -> writer bit; else count itself as
//            waiting (which stops new readers) and sleep until it can
//   release: the last reader out, a writer out, or a waiting writer that
//            gives up (timed tries) wakes the sleepers, if the bit says any
//
// Waking everyone and letting them race is simpler than Rust's separate
// writer queue and costs more only when writers and readers both pile up,
// which a read-mostly lock (what an RwLock is for) rarely sees. The price
// of writer preference: readers can wait behind a stream of writers.
#ifndef SAFELAB_OWN_INTERNAL_FUTEX_RWLOCK_H_
#define SAFELAB_OWN_INTERNAL_FUTEX_RWLOCK_H_

#include <climits>
#include <cstdint>
#include <optional>
#include <thread>

#include "safelab/own/internal/deadline.h"
#include "safelab/own/internal/futex.h"

namespace safelab::own::internal {

class FutexRwLock {
 public:
  FutexRwLock() noexcept { TsanMutex::create(this); }
  ~FutexRwLock() { TsanMutex::destroy(this); }
  FutexRwLock(const FutexRwLock&) = delete;
  FutexRwLock& operator=(const FutexRwLock&) = delete;

  void lock_shared() noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kRead);
    if (!try_read_once()) [[unlikely]]
      read_contended(std::nullopt);
    TsanMutex::post_lock(this, TsanMutex::kRead);
  }
  bool try_lock_shared() noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kRead | TsanMutex::kTry);
    const bool got = try_read_once();
    post_try(TsanMutex::kRead, got);
    return got;
  }
  bool try_lock_shared_until(std::optional<TimedWaitClock::time_point> deadline) noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kRead | TsanMutex::kTry);
    const bool got = try_read_once() || read_contended(deadline);
    post_try(TsanMutex::kRead, got);
    return got;
  }
  void unlock_shared() noexcept {
    TsanMutex::pre_unlock(this, TsanMutex::kRead);
    const std::uint32_t s = state_.fetch_sub(kReader, std::memory_order_release) - kReader;
    // Only the last reader's leaving can let anyone in (a writer).
    if ((s & kReaderMask) == 0 && (s & kSleepers) != 0) [[unlikely]]
      wake_sleepers();
    TsanMutex::post_unlock(this, TsanMutex::kRead);
  }

  void lock() noexcept {
    TsanMutex::pre_lock(this, 0);
    std::uint32_t expected = 0;
    if (!state_.compare_exchange_strong(expected, kWriter, std::memory_order_acquire,
                                        std::memory_order_relaxed)) [[unlikely]] {
      write_contended(std::nullopt);
    }
    TsanMutex::post_lock(this, 0);
  }
  bool try_lock() noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kTry);
    const bool got = try_write_once();
    post_try(0, got);
    return got;
  }
  bool try_lock_until(std::optional<TimedWaitClock::time_point> deadline) noexcept {
    TsanMutex::pre_lock(this, TsanMutex::kTry);
    const bool got = try_write_once() || write_contended(deadline);
    post_try(0, got);
    return got;
  }
  void unlock() noexcept {
    TsanMutex::pre_unlock(this, 0);
    // Clearing the writer bit and the sleepers bit in one step: whoever
    // sleeps now is woken below, whoever goes to sleep later sets it again.
    const std::uint32_t s = state_.fetch_and(~(kWriter | kSleepers), std::memory_order_release);
    if ((s & kSleepers) != 0) [[unlikely]]
      futex_wake(state_, INT_MAX);
    TsanMutex::post_unlock(this, 0);
  }

 private:
  static constexpr std::uint32_t kReader = 1;
  static constexpr std::uint32_t kReaderMask = (1u << 16) - 1;
  static constexpr std::uint32_t kMaxReaders = kReaderMask - 1;
  static constexpr std::uint32_t kWriter = 1u << 16;
  static constexpr std::uint32_t kWaitingWriter = 1u << 17;
  static constexpr std::uint32_t kWaitingMask = ((1u << 14) - 1) << 17;
  static constexpr std::uint32_t kSleepers = 1u << 31;

  static bool readable(std::uint32_t s) noexcept {
    return (s & (kWriter | kWaitingMask)) == 0 && (s & kReaderMask) < kMaxReaders;
  }
  static bool writable(std::uint32_t s) noexcept { return (s & (kWriter | kReaderMask)) == 0; }

  void post_try(unsigned flags, bool got) noexcept {
    TsanMutex::post_lock(this, flags | TsanMutex::kTry | (got ? 0 : TsanMutex::kTryFailed));
  }

  bool try_read_once() noexcept {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    while (readable(s)) {
      if (state_.compare_exchange_weak(s, s + kReader, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
        return true;
      }
    }
    return false;
  }

  bool try_write_once() noexcept {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    while (writable(s)) {
      if (state_.compare_exchange_weak(s, s | kWriter, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
        return true;
      }
    }
    return false;
  }

  // Spins a bounded while for `ok(state)`; returns the state last seen.
  template <class Ok>
  std::uint32_t spin(Ok ok) noexcept {
    return futex_spin(state_, [&ok](std::uint32_t s) { return !ok(s); });
  }

  // Sleeps on the word as last seen (`s`), after setting the sleepers bit
  // in it. Returns false if the deadline passed.
  bool sleep(std::uint32_t s, std::optional<TimedWaitClock::time_point> deadline) noexcept {
    if ((s & kSleepers) == 0 &&
        !state_.compare_exchange_strong(s, s | kSleepers, std::memory_order_relaxed)) {
      return true;  // the word moved: look again
    }
    return futex_wait(state_, s | kSleepers, deadline);
  }

  void wake_sleepers() noexcept {
    if ((state_.fetch_and(~kSleepers, std::memory_order_relaxed) & kSleepers) != 0)
      futex_wake(state_, INT_MAX);
  }

  [[gnu::noinline]] bool read_contended(
      std::optional<TimedWaitClock::time_point> deadline) noexcept {
    for (;;) {
      std::uint32_t s = spin(readable);
      while (readable(s)) {
        if (state_.compare_exchange_weak(s, s + kReader, std::memory_order_acquire,
                                         std::memory_order_relaxed)) {
          return true;
        }
      }
      if (!sleep(s, deadline)) return try_read_once();
    }
  }

  [[gnu::noinline]] bool write_contended(
      std::optional<TimedWaitClock::time_point> deadline) noexcept {
    // Count ourselves as waiting, which keeps new readers out.
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    for (;;) {
      if (writable(s)) {
        if (state_.compare_exchange_weak(s, s | kWriter, std::memory_order_acquire,
                                         std::memory_order_relaxed)) {
          return true;
        }
        continue;
      }
      if ((s & kWaitingMask) == kWaitingMask) {  // the count is full
        std::this_thread::yield();
        s = state_.load(std::memory_order_relaxed);
        continue;
      }
      if (state_.compare_exchange_weak(s, s + kWaitingWriter, std::memory_order_relaxed)) break;
    }
    for (;;) {
      s = spin(writable);
      while (writable(s)) {
        if (state_.compare_exchange_weak(s, (s - kWaitingWriter) | kWriter,
                                         std::memory_order_acquire, std::memory_order_relaxed)) {
          return true;
        }
      }
      if (!sleep(s, deadline)) {
        // Give up: stop counting as waiting, and wake the readers our count
        // kept out (they sleep on the word). A last chance first, in case
        // the lock came free right now.
        s = state_.load(std::memory_order_relaxed);
        for (;;) {
          if (writable(s)) {
            if (state_.compare_exchange_weak(s, (s - kWaitingWriter) | kWriter,
                                             std::memory_order_acquire,
                                             std::memory_order_relaxed)) {
              return true;
            }
            continue;
          }
          if (state_.compare_exchange_weak(s, (s - kWaitingWriter) & ~kSleepers,
                                           std::memory_order_relaxed)) {
            if ((s & kSleepers) != 0) futex_wake(state_, INT_MAX);
            return false;
          }
        }
      }
    }
  }

  FutexWord state_{0};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_FUTEX_RWLOCK_H_
