// include/safelab/gil/internal/sync.h
//
// INTERNAL: not part of the public API; may change without notice.
//
// The GIL model needs exactly what CPython's ceval_gil.h uses: a pthread
// mutex and condition variables with a timed wait (condvar_with_timeout in
// Python/condvar.h). libstdc++'s std::mutex carries no Clang capability
// attributes, so these thin wrappers add them: under Clang, touching a
// member marked ABSL_GUARDED_BY(mutex_) without the lock is a compile error.
// absl::Mutex is deliberately not used: its spinning and wake-up policy
// differ from the pthread primitives CPython runs on, and the model's timing
// behaviour is the point.
#ifndef SAFELAB_GIL_INTERNAL_SYNC_H_
#define SAFELAB_GIL_INTERNAL_SYNC_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"

namespace safelab::gil::internal {

// Mutex
//
// A std::mutex that Clang's thread-safety analysis understands.
class ABSL_LOCKABLE Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  bool try_lock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) { return mu_.try_lock(); }

 private:
  friend class CondVar;
  std::mutex mu_;
};

// MutexLock
//
// Holds a Mutex for the lifetime of the scope.
class ABSL_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// CondVar
//
// A std::condition_variable used with a Mutex the caller already holds, the
// way CPython's COND_WAIT / COND_TIMED_WAIT macros are used.
class CondVar {
 public:
  // CondVar::wait()
  //
  // Atomically releases `mu`, sleeps until signalled (or spuriously woken),
  // re-acquires `mu`. Callers loop on their predicate.
  void wait(Mutex& mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();  // `mu` stays held: the caller's scope owns it
  }

  // CondVar::wait_for()
  //
  // As wait(), for at most `timeout` on the steady clock (libstdc++ uses
  // pthread_cond_clockwait with CLOCK_MONOTONIC, as CPython does when the
  // platform has it). Returns true if the wait timed out.
  bool wait_for(Mutex& mu, std::chrono::microseconds timeout) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    const bool timed_out = cv_.wait_for(lock, timeout) == std::cv_status::timeout;
    lock.release();
    return timed_out;
  }

  void signal() { cv_.notify_one(); }
  void signal_all() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace safelab::gil::internal

#endif  // SAFELAB_GIL_INTERNAL_SYNC_H_
