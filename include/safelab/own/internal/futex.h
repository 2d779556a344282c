// include/safelab/own/internal/futex.h
//
// The two Linux futex(2) calls the own locks park on, and the hooks that tell
// ThreadSanitizer what those locks do.
//
//   futex_wait(word, expected, deadline)  sleeps while *word == expected, until
//                                         a wake, a signal or the deadline
//   futex_wake(word, n)                   wakes up to n sleepers on word
//   TsanMutex                             __tsan_mutex_* annotations (no-ops
//                                         outside a TSan build)
//
// Why a futex and not pthread: Rust's std::sync::Mutex on Linux is one
// 32-bit word (its sys::sync::mutex::futex module): a compare-and-swap
// to lock, a swap to unlock, and a system call only when a thread must
// sleep. pthread_mutex_lock/unlock are out-of-line calls that also check the
// mutex kind; the futex word is what makes Mutex<T> as cheap as Rust's.
//
// Timeouts are absolute CLOCK_MONOTONIC deadlines (FUTEX_WAIT_BITSET, which
// measures on the monotonic clock unless FUTEX_CLOCK_REALTIME is given):
// std::chrono::steady_clock is that clock on Linux, so the steady, saturating
// deadlines of internal/deadline.h are passed through as they are.
//
// ThreadSanitizer does not know a futex word is a lock. Without help it would
// see only the atomics (so no lock-order inversions, and a report format that
// names no mutex). The locks therefore announce every lock and unlock with
// the __tsan_mutex_* interface, so TSan treats them as it treats
// pthread_mutex: happens-before from unlock to the next lock, and its
// deadlock detector sees the lock order.
#ifndef SAFELAB_OWN_INTERNAL_FUTEX_H_
#define SAFELAB_OWN_INTERNAL_FUTEX_H_

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <ctime>
#include <optional>

#include "safelab/own/internal/backoff.h"
#include "safelab/own/internal/deadline.h"

#if defined(__SANITIZE_THREAD__)
#define SAFELAB_OWN_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SAFELAB_OWN_TSAN 1
#endif
#endif
#ifdef SAFELAB_OWN_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace safelab::own::internal {

using FutexWord = std::atomic<std::uint32_t>;
static_assert(sizeof(FutexWord) == 4 && FutexWord::is_always_lock_free,
              "futex(2) works on an aligned 32-bit word");

// futex_wait()
//
// Sleeps while `*word == expected` (checked atomically by the kernel), until
// futex_wake(), a spurious wake-up, or `deadline` (steady clock; nullopt:
// none). Returns false only when the deadline has passed. Callers re-check
// their condition in a loop either way.
inline bool futex_wait(const FutexWord& word, std::uint32_t expected,
                       std::optional<TimedWaitClock::time_point> deadline = std::nullopt) noexcept {
  timespec ts{};
  const timespec* timeout = nullptr;
  if (deadline) {
    const auto since_epoch = deadline->time_since_epoch();
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    ts.tv_sec = static_cast<time_t>(secs.count());
    ts.tv_nsec = static_cast<long>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - secs).count());
    timeout = &ts;
  }
  // The kernel only reads the word; the cast drops std::atomic's const.
  auto* addr = const_cast<FutexWord*>(&word);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  const long r = syscall(SYS_futex, addr, FUTEX_WAIT_BITSET_PRIVATE, expected, timeout, nullptr,
                         FUTEX_BITSET_MATCH_ANY);
  if (r == 0 || !deadline) return true;
  return TimedWaitClock::now() < *deadline;
}

// futex_wake()
//
// Wakes at most `n` threads sleeping on `word` (INT_MAX: all of them).
inline void futex_wake(FutexWord& word, int n = 1) noexcept {
  syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, n);
}

// futex_spin()
//
// The bounded spin of a futex lock before it sleeps: looks at `word` until
// `keep_spinning(state)` is false, with a burst of pauses between looks that
// doubles each time (1, 2, 4 ... 64: seven looks, 127 pauses, a few
// microseconds), and returns the state last seen. Why not a look after
// every pause, as Rust's futex Mutex does: each look pulls the lock's cache
// line from the thread that holds it, so a waiter that looks 100 times in a
// row makes two threads hammering one lock trade it on nearly every
// release; looking less often leaves the holder long runs on its own line.
// Measured (vs_rust_mutex, two threads, 1,000,000 increments each, both
// started together): 34.8 ms against Rust's 53.2 ms, where a look per pause
// gave 55.3 against 54.8.
inline constexpr int kFutexSpinPauses = 100;

template <class KeepSpinning>
std::uint32_t futex_spin(const FutexWord& word, KeepSpinning keep_spinning) noexcept {
  std::uint32_t s = word.load(std::memory_order_relaxed);
  for (int paused = 0, burst = 1; paused < kFutexSpinPauses && keep_spinning(s);
       paused += burst, burst *= 2) {
    for (int i = 0; i < burst; ++i) cpu_relax();
    s = word.load(std::memory_order_relaxed);
  }
  return s;
}

// TsanMutex
//
// What a lock tells ThreadSanitizer, by address: created, about to lock,
// locked (or a try that failed), about to unlock, unlocked, destroyed.
// Everything compiles to nothing outside a TSan build.
struct TsanMutex {
#ifdef SAFELAB_OWN_TSAN
  static constexpr unsigned kRead = __tsan_mutex_read_lock;
  static constexpr unsigned kTry = __tsan_mutex_try_lock;
  static constexpr unsigned kTryFailed = __tsan_mutex_try_lock_failed;
  static void create(void* m) noexcept { __tsan_mutex_create(m, 0); }
  static void destroy(void* m) noexcept { __tsan_mutex_destroy(m, 0); }
  static void pre_lock(void* m, unsigned flags) noexcept { __tsan_mutex_pre_lock(m, flags); }
  static void post_lock(void* m, unsigned flags) noexcept { __tsan_mutex_post_lock(m, flags, 0); }
  static void pre_unlock(void* m, unsigned flags) noexcept { __tsan_mutex_pre_unlock(m, flags); }
  static void post_unlock(void* m, unsigned flags) noexcept { __tsan_mutex_post_unlock(m, flags); }
#else
  static constexpr unsigned kRead = 0;
  static constexpr unsigned kTry = 0;
  static constexpr unsigned kTryFailed = 0;
  static void create(void*) noexcept {}
  static void destroy(void*) noexcept {}
  static void pre_lock(void*, unsigned) noexcept {}
  static void post_lock(void*, unsigned) noexcept {}
  static void pre_unlock(void*, unsigned) noexcept {}
  static void post_unlock(void*, unsigned) noexcept {}
#endif
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_FUTEX_H_
