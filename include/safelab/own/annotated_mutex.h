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
//   AnnotatedTimedMutex   a futex lock word; adds try_lock_for()
//   AnnotatedSharedMutex  a futex reader-writer word, writer-preferring
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
// recv_timeout(Duration::MAX) does.
//
// What is underneath (issue 17): AnnotatedMutex is std::mutex, because
// CondVar waits on it (std::condition_variable needs a std::mutex) and the
// channels and scope are built on the pair. AnnotatedTimedMutex and
// AnnotatedSharedMutex, the locks of Mutex<T> and RwLock<T>, are futex words
// of our own (internal/futex_mutex.h, internal/futex_rwlock.h), as Rust's
// Mutex and RwLock on Linux: an uncontended lock and unlock are one atomic
// instruction each, the timed forms sleep on the monotonic clock directly
// (FUTEX_WAIT_BITSET), and the RwLock prefers writers. ThreadSanitizer is
// told about every lock and unlock (__tsan_mutex_*), so it sees the same
// happens-before edges and lock orders as for a pthread mutex.
#ifndef SAFELAB_OWN_ANNOTATED_MUTEX_H_
#define SAFELAB_OWN_ANNOTATED_MUTEX_H_

#include <chrono>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "safelab/own/internal/deadline.h"
#include "safelab/own/internal/futex_mutex.h"
#include "safelab/own/internal/futex_rwlock.h"

namespace safelab::own {

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
// An AnnotatedMutex that can also give up after a timeout: a futex word
// (internal/futex_mutex.h), Rust's Mutex lock. Not recursive.
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
  // steady clock (seconds::max()) waits as long as lock() does.
  template <class Rep, class Period>
  [[nodiscard]] bool try_lock_for(const std::chrono::duration<Rep, Period>& timeout)
      ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) {
    return mu_.try_lock_until(internal::deadline_after(timeout));
  }

  void assert_held() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}

 private:
  internal::FutexMutex mu_;
};

// AnnotatedSharedMutex
//
// A reader-writer mutex: one writer (lock) or many readers (lock_shared).
// A futex word (internal/futex_rwlock.h) that prefers writers, as Rust's
// RwLock on Linux: once a writer waits, new readers queue behind it, so a
// stream of readers cannot starve a writer. Not recursive: a thread that
// holds a shared lock and asks for another can deadlock behind a waiting
// writer.
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
    return mu_.try_lock_until(internal::deadline_after(timeout));
  }

  void lock_shared() ABSL_SHARED_LOCK_FUNCTION() { mu_.lock_shared(); }
  void unlock_shared() ABSL_UNLOCK_FUNCTION() { mu_.unlock_shared(); }
  [[nodiscard]] bool try_lock_shared() ABSL_SHARED_TRYLOCK_FUNCTION(true) {
    return mu_.try_lock_shared();
  }
  template <class Rep, class Period>
  [[nodiscard]] bool try_lock_shared_for(const std::chrono::duration<Rep, Period>& timeout)
      ABSL_SHARED_TRYLOCK_FUNCTION(true) {
    return mu_.try_lock_shared_until(internal::deadline_after(timeout));
  }

  void assert_held() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}
  void assert_shared_held() const ABSL_ASSERT_SHARED_LOCK() {}

 private:
  internal::FutexRwLock mu_;
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
