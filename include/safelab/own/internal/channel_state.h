// include/safelab/own/internal/channel_state.h
//
// The state every handle of one channel shares: the queue, the handle counts
// that drive disconnection, and the wake-up machinery.
//
// Design, for throughput (the target is tbb::concurrent_bounded_queue):
//
//  * One mutex guards the queue; a send is one short critical section (push,
//    read "is a receiver asleep?"). The futex wake happens only when a
//    receiver really sleeps, and outside the lock.
//  * A single consumer (Receiver) takes the *whole* queue in one critical
//    section by swapping ring buffers, then pops from its private buffer
//    without locking until it is empty. Under load that is one lock per batch
//    instead of one per message, and producers almost never meet the
//    consumer on the lock. A SharedReceiver (several consumers) takes one
//    message at a time: a batch held by one consumer would starve the others.
//  * Bounded channels count messages in flight (queued + in the consumer's
//    private batch) in an atomic, so capacity is exact even with batching.
//    The consumer decrements it without the lock and takes the lock only if
//    a sender announced that it sleeps on "full"; the announcement and the
//    count are both seq_cst, so one of the two always sees the other (the
//    Dekker pattern) and no wake-up is lost.
//  * Handles hold a reference count; the last handle frees the state. The
//    sender and receiver counts decide disconnection.
#ifndef SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_
#define SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/channel_result.h"
#include "safelab/own/cond_var.h"
#include "safelab/own/internal/ring_buffer.h"

namespace safelab::own::internal {

enum class Wait { never, forever, until };

template <class T>
class ChannelState {
 public:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

  ChannelState(std::size_t capacity, bool shared_receivers)
      : capacity_(capacity), shared_receivers_(shared_receivers) {}
  ChannelState(const ChannelState&) = delete;
  ChannelState& operator=(const ChannelState&) = delete;

  std::size_t capacity() const noexcept { return capacity_; }

  // ---- handle lifetime --------------------------------------------------

  void add_sender() noexcept {
    refs_.fetch_add(1, std::memory_order_relaxed);
    senders_.fetch_add(1, std::memory_order_relaxed);
  }
  void add_receiver() noexcept {
    refs_.fetch_add(1, std::memory_order_relaxed);
    receivers_.fetch_add(1, std::memory_order_relaxed);
  }

  // The last sender wakes every sleeping receiver: they drain what is queued
  // and then see "disconnected".
  static void drop_sender(ChannelState* s) noexcept {
    if (s->senders_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      {
        LockGuard hold(s->mu_);
        s->senders_gone_ = true;
      }
      s->not_empty_.notify_all();
    }
    release(s);
  }

  // The last receiver wakes every sender blocked on a full channel (they
  // get their message back) and destroys what is still queued: nobody can
  // receive it any more (Rust drops it too).
  static void drop_receiver(ChannelState* s) noexcept {
    if (s->receivers_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      RingBuffer<T> orphans;
      {
        LockGuard hold(s->mu_);
        s->receivers_gone_ = true;
        s->queue_.swap(orphans);
      }
      s->local_.clear();  // the only consumer is the one leaving
      s->not_full_.notify_all();
      // `orphans` dies here, outside the lock.
    }
    release(s);
  }

  // ---- sending ------------------------------------------------------------

  SendResult<T> send(T&& value, Wait wait) {
    if (capacity_ == kUnbounded) {
      bool wake = false;
      {
        LockGuard hold(mu_);
        if (receivers_gone_) {
          return SendResult<T>::failure(SendStatus::disconnected, std::move(value));
        }
        queue_.push_back(std::move(value));
        wake = receivers_waiting_ > 0;
      }
      if (wake) not_empty_.notify_one();
      return SendResult<T>::success();
    }
    for (;;) {
      if (wait != Wait::never) spin_for_room();
      const SendStep step = try_push_bounded(value, wait);
      if (step == SendStep::sent) return SendResult<T>::success();
      if (step == SendStep::full) return SendResult<T>::failure(SendStatus::full, std::move(value));
      if (step == SendStep::disconnected) {
        return SendResult<T>::failure(SendStatus::disconnected, std::move(value));
      }
      // SendStep::retry: woken, but another sender took the slot; spin again.
    }
  }

  // ---- receiving ----------------------------------------------------------

  // Receives one message into `out`. `deadline` matters only for Wait::until.
  RecvStatus receive(std::optional<T>& out, Wait wait,
                     std::chrono::system_clock::time_point deadline = {}) {
    if (!shared_receivers_ && !local_.empty()) {
      out.emplace(local_.pop_front());
      after_take();
      return RecvStatus::ok;
    }
    {
      LockGuard hold(mu_);
      while (queue_.empty()) {
        if (senders_gone_) return RecvStatus::disconnected;
        if (wait == Wait::never) return RecvStatus::empty;
        ++receivers_waiting_;
        bool in_time = true;
        if (wait == Wait::until) {
          in_time =
              not_empty_.wait_until(mu_, deadline) || std::chrono::system_clock::now() < deadline;
        } else {
          not_empty_.wait(mu_);
        }
        --receivers_waiting_;
        if (!in_time && queue_.empty()) {
          return senders_gone_ ? RecvStatus::disconnected : RecvStatus::timeout;
        }
      }
      if (shared_receivers_) {
        out.emplace(queue_.pop_front());
      } else {
        queue_.swap(local_);  // take the whole batch
        out.emplace(local_.pop_front());
      }
    }
    after_take();
    return RecvStatus::ok;
  }

 private:
  static void release(ChannelState* s) noexcept {
    if (s->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete s;
  }

  enum class SendStep { sent, full, disconnected, retry };

  // One attempt to queue into a bounded channel: pushes if there is room,
  // else (unless Wait::never) sleeps once on not_full_ and reports retry.
  SendStep try_push_bounded(T& value, Wait wait) {
    bool wake = false;
    {
      LockGuard hold(mu_);
      if (receivers_gone_) return SendStep::disconnected;
      if (in_flight_.load() >= capacity_) {
        if (wait == Wait::never) return SendStep::full;
        // Announce, then re-check: the consumer decrements in_flight_ before
        // it reads senders_waiting_ (see the header comment).
        senders_waiting_.fetch_add(1);
        if (in_flight_.load() >= capacity_) not_full_.wait(mu_);
        senders_waiting_.fetch_sub(1);
        if (receivers_gone_) return SendStep::disconnected;
        if (in_flight_.load() >= capacity_) return SendStep::retry;
      }
      queue_.push_back(std::move(value));
      in_flight_.fetch_add(1, std::memory_order_relaxed);
      wake = receivers_waiting_ > 0;
    }
    if (wake) not_empty_.notify_one();
    return SendStep::sent;
  }

  // A sender of a full bounded channel first waits a little *without* the
  // lock and without announcing itself: the consumer frees a slot every few
  // nanoseconds when it is running, and a sender that has not announced
  // itself costs the consumer nothing (no lock, no futex wake). Sleeping on
  // not_full_ after every message instead turns back-pressure into one
  // context switch per message. Bounded: a few microseconds at most.
  void spin_for_room() const noexcept {
    for (int i = 0; i < kSpinRounds; ++i) {
      if (in_flight_.load(std::memory_order_relaxed) < capacity_) return;
      if (i < kSpinRounds / 2) {
        cpu_relax();
      } else {
        std::this_thread::yield();  // oversubscribed: let the consumer run
      }
    }
  }

  static void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
  }

  static constexpr int kSpinRounds = 128;

  // One message left the channel: a bounded channel has room for one more.
  void after_take() {
    if (capacity_ == kUnbounded) return;
    in_flight_.fetch_sub(1);
    if (senders_waiting_.load() != 0) {
      // Taking the lock orders us after a sender that announced itself and
      // is about to sleep: it is then asleep, and the notify reaches it.
      { LockGuard hold(mu_); }
      not_full_.notify_one();
    }
  }

  const std::size_t capacity_;
  const bool shared_receivers_;

  AnnotatedMutex mu_;
  CondVar not_empty_;  // receivers sleep here
  CondVar not_full_;   // senders of a full bounded channel sleep here
  RingBuffer<T> queue_ ABSL_GUARDED_BY(mu_);
  int receivers_waiting_ ABSL_GUARDED_BY(mu_) = 0;
  bool senders_gone_ ABSL_GUARDED_BY(mu_) = false;
  bool receivers_gone_ ABSL_GUARDED_BY(mu_) = false;

  // The single consumer's batch: touched only by the one Receiver (never
  // used when shared_receivers_), swapped with queue_ under mu_.
  RingBuffer<T> local_;

  std::atomic<std::size_t> in_flight_{0};        // bounded only
  std::atomic<std::size_t> senders_waiting_{0};  // bounded only
  std::atomic<std::size_t> refs_{0};
  std::atomic<std::size_t> senders_{0};
  std::atomic<std::size_t> receivers_{0};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_
