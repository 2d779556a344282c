// include/safelab/own/cond_var.h
//
// CondVar: a condition variable that waits on an own::AnnotatedMutex, so the
// thread-safety analysis checks that the mutex is held around every wait
// (absl::CondVar's shape, std::condition_variable underneath).
//
// Unlike std::condition_variable there is no std::unique_lock to juggle: the
// caller holds the AnnotatedMutex (through a LockGuard or lock()), and
// wait() releases and re-acquires it.
//
// Example:
//
//   own::LockGuard hold(mu_);
//   while (queue_.empty()) not_empty_.wait(mu_);   // spurious wake-ups: loop
//
// Timed waits measure against the steady clock (internal::TimedWaitClock), as
// Rust's Instant: std::condition_variable turns a steady deadline into
// pthread_cond_clockwait(CLOCK_MONOTONIC), which ThreadSanitizer intercepts
// (unlike pthread_mutex_clocklock, see annotated_mutex.h).
#ifndef SAFELAB_OWN_COND_VAR_H_
#define SAFELAB_OWN_COND_VAR_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "safelab/own/annotated_mutex.h"

namespace safelab::own {

class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // CondVar::wait()
  //
  // Atomically releases `mu`, blocks until notified (or spuriously woken),
  // and re-acquires `mu` before returning.
  // REQUIRES: the calling thread holds `mu`.
  void wait(AnnotatedMutex& mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lk(mu.mu_, std::adopt_lock);
    cv_.wait(lk);
    lk.release();  // still held: ownership goes back to the caller's guard
  }

  // CondVar::wait_until()
  //
  // As wait(), giving up at `deadline`. Returns false if the deadline passed
  // (the caller re-checks its predicate either way).
  // REQUIRES: the calling thread holds `mu`.
  bool wait_until(AnnotatedMutex& mu, internal::TimedWaitClock::time_point deadline)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lk(mu.mu_, std::adopt_lock);
    const bool notified = cv_.wait_until(lk, deadline) == std::cv_status::no_timeout;
    lk.release();
    return notified;
  }

  // CondVar::notify_one() / notify_all()
  //
  // Wake one / every waiter. May be called with or without the mutex held.
  void notify_one() noexcept { cv_.notify_one(); }
  void notify_all() noexcept { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace safelab::own

#endif  // SAFELAB_OWN_COND_VAR_H_
