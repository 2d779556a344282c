// include/safelab/own/annotated_mutex.h
//
// Mutexes that Clang's thread-safety analysis understands.
//
// libstdc++'s std::mutex carries no capability attributes, so
// `int balance_ ABSL_GUARDED_BY(mu_);` beside a plain std::mutex checks
// nothing. The classes below are thin, zero-overhead wrappers that carry
// Abseil's annotations (absl/base/thread_annotations.h); with them, touching
// a GUARDED_BY field without holding its mutex is a compile error under
// `clang -Wthread-safety -Werror` (the `clang` preset). With g++ the
// attributes compile to nothing and the classes behave exactly like the std
// mutex they wrap.
//
//   AnnotatedMutex        std::mutex; works with own::CondVar
//   AnnotatedTimedMutex   std::timed_mutex; adds try_lock_for()
//   AnnotatedSharedMutex  std::shared_timed_mutex; shared (reader) locking
//   LockGuard<M>          scoped exclusive lock (std::lock_guard, annotated)
//   AdoptedLock<M>        releases an already-held lock at scope exit
//   SharedLockGuard<M>    scoped shared lock
//
// These are the building blocks of own::Mutex<T> and own::RwLock<T>, which
// go further: there the data lives *inside* the lock and no field can be
// forgotten. Use the annotated mutexes directly when one lock guards several
// members of a class.
//
// Example:
//
//   class Account {
//    public:
//     void deposit(int amount) {
//       own::LockGuard hold(mu_);
//       balance_ += amount;            // OK: mu_ is held
//     }
//     int peek() const {
//       return balance_;               // error under -Wthread-safety:
//     }                                // "reading variable 'balance_' requires
//                                      //  holding mutex 'mu_'"
//    private:
//     mutable own::AnnotatedMutex mu_;
//     int balance_ ABSL_GUARDED_BY(mu_) = 0;
//   };
//
// Timed waits: try_lock_for() measures its deadline on the steady clock
// (internal/deadline.h), as Rust's Instant, and a timeout too long for that
// clock (seconds::max()) waits without a deadline, as Rust's
// recv_timeout(Duration::MAX) does. The kernel wait is the steady-clock one
// (pthread_mutex_clocklock / pthread_rwlock_clock*lock) in every build but
// ThreadSanitizer's: TSan in the toolchains we support does not intercept the
// *_clocklock calls and then misreports every access the lock protects. Under
// TSan the wait is done in system-clock slices (pthread_*_timedlock, which TSan
// understands), each re-checked against the steady deadline; only there can a
// backward jump of the wall clock lengthen a wait.
#ifndef SAFELAB_OWN_ANNOTATED_MUTEX_H_
#define SAFELAB_OWN_ANNOTATED_MUTEX_H_

#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>

#include "absl/base/thread_annotations.h"
#include "safelab/own/internal/deadline.h"

namespace safelab::own {

namespace internal {

#if defined(__SANITIZE_THREAD__)
inline constexpr bool kTsanBuild = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kTsanBuild = true;
#else
inline constexpr bool kTsanBuild = false;
#endif
#else
inline constexpr bool kTsanBuild = false;
#endif

// Takes a lock with `try_until(time_point)` (a std timed mutex's
// try_lock_until or try_lock_shared_until) within `timeout`; waits untimed
// with `lock()` when the deadline does not fit (see the header comment).
template <class Rep, class Period, class TryUntil, class Lock>
bool lock_within(const std::chrono::duration<Rep, Period>& timeout, TryUntil try_until, Lock lock) {
  const std::optional<TimedWaitClock::time_point> deadline = deadline_after(timeout);
  if (!deadline) {
    lock();
    return true;
  }
  if constexpr (!kTsanBuild) {
    return try_until(*deadline);
  } else {
    // Slices of at most an hour keep system_clock::now() + slice in range.
    constexpr std::chrono::nanoseconds kMaxSlice = std::chrono::hours(1);
    for (;;) {
      const std::chrono::nanoseconds left = *deadline - TimedWaitClock::now();
      const std::chrono::nanoseconds slice = left < left.zero() ? left.zero()
                                             : left > kMaxSlice ? kMaxSlice
                                                                : left;
      if (try_until(std::chrono::system_clock::now() + slice)) return true;
      if (TimedWaitClock::now() >= *deadline) return false;
    }
  }
}

}  // namespace internal

class CondVar;

// AnnotatedMutex
//
// A std::mutex the thread-safety analysis can follow. Not recursive: locking
// it twice from one thread deadlocks (and is a compile error where the
// analysis can see both acquisitions).
class ABSL_LOCKABLE AnnotatedMutex {
 public:
  AnnotatedMutex() = default;
  AnnotatedMutex(const AnnotatedMutex&) = delete;
  AnnotatedMutex& operator=(const AnnotatedMutex&) = delete;

  // AnnotatedMutex::lock()
  //
  // Blocks until this thread holds the mutex.
  // REQUIRES: the calling thread does not hold it.
  void lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }

  // AnnotatedMutex::unlock()
  //
  // REQUIRES: the calling thread holds the mutex.
  void unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }

  // AnnotatedMutex::try_lock()
  //
  // Takes the mutex if it is free; returns whether it did. Never blocks.
  [[nodiscard]] bool try_lock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) { return mu_.try_lock(); }

  // AnnotatedMutex::assert_held()
  //
  // Tells the analysis that the caller holds the mutex, where it cannot see
  // the acquisition (for example through a guard object returned from a
  // function). Checks nothing at run time.
  void assert_held() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

// AnnotatedTimedMutex
//
// An AnnotatedMutex that can also give up after a timeout. The uncontended
// lock()/unlock() are the same pthread calls as std::mutex's.
class ABSL_LOCKABLE AnnotatedTimedMutex {
 public:
  AnnotatedTimedMutex() = default;
  AnnotatedTimedMutex(const AnnotatedTimedMutex&) = delete;
  AnnotatedTimedMutex& operator=(const AnnotatedTimedMutex&) = delete;

  void lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  [[nodiscard]] bool try_lock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) { return mu_.try_lock(); }

  // AnnotatedTimedMutex::try_lock_for()
  //
  // Waits at most `timeout` for the mutex; returns whether it was taken.
  // A zero or negative timeout is a try_lock(); a timeout past the end of the
  // steady clock (seconds::max()) waits as long as lock() does. See the
  // header comment for the clock.
  template <class Rep, class Period>
  [[nodiscard]] bool try_lock_for(const std::chrono::duration<Rep, Period>& timeout)
      ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) {
    return internal::lock_within(
        timeout, [this](auto deadline) { return mu_.try_lock_until(deadline); },
        [this] { mu_.lock(); });
  }

  void assert_held() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}

 private:
  std::timed_mutex mu_;
};

// AnnotatedSharedMutex
//
// A reader-writer mutex: one writer (lock) or many readers (lock_shared).
// Built on pthread_rwlock, whose default policy on glibc prefers readers: a
// steady stream of readers can delay a writer indefinitely.
class ABSL_LOCKABLE AnnotatedSharedMutex {
 public:
  AnnotatedSharedMutex() = default;
  AnnotatedSharedMutex(const AnnotatedSharedMutex&) = delete;
  AnnotatedSharedMutex& operator=(const AnnotatedSharedMutex&) = delete;

  void lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  [[nodiscard]] bool try_lock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) { return mu_.try_lock(); }
  template <class Rep, class Period>
  [[nodiscard]] bool try_lock_for(const std::chrono::duration<Rep, Period>& timeout)
      ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) {
    return internal::lock_within(
        timeout, [this](auto deadline) { return mu_.try_lock_until(deadline); },
        [this] { mu_.lock(); });
  }

  void lock_shared() ABSL_SHARED_LOCK_FUNCTION() { mu_.lock_shared(); }
  void unlock_shared() ABSL_UNLOCK_FUNCTION() { mu_.unlock_shared(); }
  [[nodiscard]] bool try_lock_shared() ABSL_SHARED_TRYLOCK_FUNCTION(true) {
    return mu_.try_lock_shared();
  }
  template <class Rep, class Period>
  [[nodiscard]] bool try_lock_shared_for(const std::chrono::duration<Rep, Period>& timeout)
      ABSL_SHARED_TRYLOCK_FUNCTION(true) {
    return internal::lock_within(
        timeout, [this](auto deadline) { return mu_.try_lock_shared_until(deadline); },
        [this] { mu_.lock_shared(); });
  }

  void assert_held() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}
  void assert_shared_held() const ABSL_ASSERT_SHARED_LOCK() {}

 private:
  std::shared_timed_mutex mu_;
};

// LockGuard<M>
//
// Holds `mu` exclusively from construction to destruction; the analysis
// knows it. Example:
//
//   own::LockGuard hold(mu_);
//   ++count_;  // count_ is ABSL_GUARDED_BY(mu_)
template <class M>
class ABSL_SCOPED_LOCKABLE LockGuard {
 public:
  explicit LockGuard(M& mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) { mu_.lock(); }
  ~LockGuard() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;

 private:
  M& mu_;
};

// AdoptedLock<M>
//
// Takes over a lock the caller already holds (exclusively) and releases it on
// destruction: std::lock_guard(mu, std::adopt_lock), annotated.
// REQUIRES: the caller holds `mu`.
template <class M>
class ABSL_SCOPED_LOCKABLE AdoptedLock {
 public:
  explicit AdoptedLock(M& mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) : mu_(mu) {}
  ~AdoptedLock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  AdoptedLock(const AdoptedLock&) = delete;
  AdoptedLock& operator=(const AdoptedLock&) = delete;

 private:
  M& mu_;
};

// SharedLockGuard<M>
//
// Holds `mu` in shared (reader) mode for its lifetime.
template <class M>
class ABSL_SCOPED_LOCKABLE SharedLockGuard {
 public:
  explicit SharedLockGuard(M& mu) ABSL_SHARED_LOCK_FUNCTION(mu) : mu_(mu) { mu_.lock_shared(); }
  ~SharedLockGuard() ABSL_UNLOCK_FUNCTION() { mu_.unlock_shared(); }
  SharedLockGuard(const SharedLockGuard&) = delete;
  SharedLockGuard& operator=(const SharedLockGuard&) = delete;

 private:
  M& mu_;
};

}  // namespace safelab::own

#endif  // SAFELAB_OWN_ANNOTATED_MUTEX_H_
