// include/safelab/own/internal/waiters.h
//
// Waiters: where a Channel's receivers sleep while it is empty (and its
// senders while a bounded one is full), and how the other side wakes them
// without a lock on its fast path (crossbeam's SyncWaker, with a count).
//
//   sleeper:  lock; sleepers_ += 1 (seq_cst); if (!ready()) wait; ...
//   waker:    make ready() true (a seq_cst RMW on the queue);
//             if (sleepers_ (seq_cst) > wakes_pending_) lock; notify
//
// The queue change and the sleepers_ increment are both sequentially
// consistent, so of the waker's read of sleepers_ and the sleeper's check
// of ready(), at least one sees the other's write (the Dekker pattern): a
// sleeper never sleeps through the change that would have made it ready,
// and a waker with nobody asleep pays one load and no lock.
//
// wakes_pending_ counts sleepers notified and not yet awake (they stay in
// sleepers_ until they re-take the mutex). Without it a waker would notify
// again for every message sent in that window, one futex call each, for one
// wake-up.
#ifndef SAFELAB_OWN_INTERNAL_WAITERS_H_
#define SAFELAB_OWN_INTERNAL_WAITERS_H_

#include <atomic>
#include <chrono>
#include <cstddef>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/cond_var.h"
#include "safelab/own/internal/deadline.h"

namespace safelab::own::internal {

class Waiters {
 public:
  // Waiters::sleep()
  //
  // Blocks until notified, unless `ready()` already holds once this thread
  // is counted as a sleeper. With a deadline (`timed`), gives up at
  // `deadline`. The caller re-checks its condition and its deadline either
  // way: a wake-up is a hint, another thread may have taken the message.
  template <class Ready>
  void sleep(Ready ready, bool timed, TimedWaitClock::time_point deadline) {
    LockGuard hold(mu_);
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    if (!ready()) {
      if (timed) {
        static_cast<void>(cv_.wait_until(mu_, deadline));
      } else {
        cv_.wait(mu_);
      }
      // Whatever woke us (a notify, a timeout, a spurious wake-up), one
      // wake-up fewer is on its way. Saturating, and before sleepers_ goes
      // down (notify_one() reads them without the lock in the other order):
      // the error only ever allows one notify too many, never one too few.
      const std::size_t pending = wakes_pending_.load(std::memory_order_relaxed);
      if (pending > 0) wakes_pending_.store(pending - 1, std::memory_order_relaxed);
    }
    sleepers_.fetch_sub(1, std::memory_order_seq_cst);
  }

  // Waiters::notify_one()
  //
  // Wakes one sleeper that no earlier call has already woken.
  // REQUIRES: called after the change that makes the sleepers' ready() true.
  // noexcept: it runs after a message is committed, and failing to lock a
  // std::mutex (std::system_error) then has no way to report back.
  void notify_one() noexcept {
    if (!has_unwoken_sleeper()) return;
    bool wake = false;
    {
      LockGuard hold(mu_);
      // Under the lock every counted sleeper is asleep or woken: it counts
      // itself, checks and waits without letting go of mu_.
      const std::size_t pending = wakes_pending_.load(std::memory_order_relaxed);
      if (sleepers_.load(std::memory_order_relaxed) > pending) {
        wakes_pending_.store(pending + 1, std::memory_order_relaxed);
        wake = true;
      }
    }
    if (wake) cv_.notify_one();
  }

  // Waiters::notify_all()
  //
  // Wakes every sleeper (disconnection).
  void notify_all() noexcept {
    {
      LockGuard hold(mu_);
      wakes_pending_.store(sleepers_.load(std::memory_order_relaxed), std::memory_order_relaxed);
    }
    cv_.notify_all();
  }

  // Whether anyone sleeps here (a lock-free hint, sequentially consistent).
  bool has_sleepers() const noexcept { return sleepers_.load(std::memory_order_seq_cst) > 0; }

 private:
  bool has_unwoken_sleeper() const noexcept {
    const std::size_t sleepers = sleepers_.load(std::memory_order_seq_cst);
    return sleepers != 0 && sleepers > wakes_pending_.load(std::memory_order_relaxed);
  }

  AnnotatedMutex mu_;
  CondVar cv_;
  // Written under mu_, read without it as hints by the fast paths.
  std::atomic<std::size_t> sleepers_{0};
  std::atomic<std::size_t> wakes_pending_{0};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_WAITERS_H_
