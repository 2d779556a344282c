// include/safelab/own/internal/channel_state.h
//
// The state every handle of one channel shares: the queue, the handle counts
// that drive disconnection, and the wake-up machinery.
//
// Design, for throughput (the target is tbb::concurrent_bounded_queue):
//
//  * One mutex guards the queue; a send is one short critical section (push,
//    read "is a receiver asleep?"). The futex wake happens only when a
//    receiver really sleeps and no wake-up is already on its way to it
//    (wakes_pending_), and outside the lock. Every critical section is a
//    few dozen instructions, so a thread that finds the mutex taken retries
//    briefly before blocking in the kernel (SpinThenLock): with three
//    threads on one mutex, blocking at once turns every collision into a
//    futex sleep and wake (a lock convoy).
//  * A receiver that finds the queue empty watches a lock-free count of
//    queued messages for a few microseconds before it sleeps. A running
//    producer refills the queue within that time, so the receiver takes the
//    next message without ever sleeping, and the producer never pays for a
//    futex wake. Sleeping at once instead costs one wake-up (two context
//    switches) per message whenever consumers outrun the producer, which
//    is what made the 1->2 rows 10-25x slower than oneTBB's queue (whose
//    consumers also spin, then yield, then sleep).
//  * Shared receivers spin one at a time (Go's scheduler and glibc's
//    adaptive mutex keep spinners to one for the same reason): a second
//    spinner finds no message the first would not have taken, and with
//    more threads than cores it takes the core the producer needs (the 1->2
//    rows were 0.2-0.4x oneTBB with both spinning). The others sleep at
//    once. A send wakes a sleeper only if no receiver is on its way to the
//    queue (spinning or about to lock, receivers_looking_): that one takes
//    the message, and wakes a sleeper itself if it leaves messages behind.
//    The one spinner spins longer (kSharedSpin): each time it gives up,
//    the next message costs the producer a futex wake.
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
//  * Senders of a full channel are the mirror image of receivers of an
//    empty one: a sender first watches the lock-free in-flight count for a
//    few microseconds (the same bounded spin, spin_until()), and only then
//    sleeps. The consumer wakes a sleeping sender only if no earlier take
//    has already woken it (sender_wakes_pending_), and checks that without
//    the lock. Waking a sender for every freed slot, while the woken sender
//    was still on its way to the CPU, cost a futex wake and two context
//    switches per message once two producers kept the queue full.
//  * The queue is a list of fixed-size blocks recycled through a small
//    spare list (BlockQueue): a backlog never copies and is written into
//    memory already touched, where a doubling ring faulted in fresh pages.
//    What still faults (1 KiB unbounded, 0.05-0.17 minor faults per
//    message) is the first touch of a backlog of megabytes that glibc
//    returned to the kernel when the previous channel freed it: keeping
//    every drained block as a spare changed nothing measurable, and with
//    glibc's trimming off (GLIBC_TUNABLES=glibc.malloc.trim_threshold=1e9)
//    the faults vanish (oneTBB allocates through tbbmalloc, which keeps
//    freed memory). That is the allocator's policy, not the channel's.
//  * A message moves into the queue once and out of it once, straight into
//    the receiver's std::optional (BlockQueue::pop_front_into).
//  * Handles hold a reference count; the last handle frees the state. The
//    sender and receiver counts decide disconnection.
#ifndef SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_
#define SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/channel_result.h"
#include "safelab/own/cond_var.h"
#include "safelab/own/internal/block_queue.h"

namespace safelab::own::internal {

enum class Wait { never, forever, until };

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// SpinThenLock
//
// LockGuard for a mutex whose critical sections are all a handful of
// instructions: tries to take it without blocking a few times (the holder
// is about to let go) before blocking in the kernel. glibc's
// PTHREAD_MUTEX_ADAPTIVE_NP does the same; std::mutex is the plain kind.
class ABSL_SCOPED_LOCKABLE SpinThenLock {
 public:
  explicit SpinThenLock(AnnotatedMutex& mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) {
    acquire();
  }
  ~SpinThenLock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  SpinThenLock(const SpinThenLock&) = delete;
  SpinThenLock& operator=(const SpinThenLock&) = delete;

 private:
  static constexpr int kTries = 32;

  void acquire() ABSL_NO_THREAD_SAFETY_ANALYSIS {
    for (int i = 0; i < kTries; ++i) {
      if (mu_.try_lock()) return;
      cpu_relax();
    }
    mu_.lock();
  }

  AnnotatedMutex& mu_;
};

template <class T>
class ChannelState {
 public:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

  ChannelState(std::size_t capacity, bool shared_receivers)
      : capacity_(capacity),
        shared_receivers_(shared_receivers),
        queue_(spares_for(capacity)),
        local_(spares_for(capacity)) {}
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
      BlockQueue<T> orphans;
      {
        LockGuard hold(s->mu_);
        s->receivers_gone_ = true;
        orphans.take_all(s->queue_);
        s->queued_.store(0, std::memory_order_relaxed);
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
        SpinThenLock hold(mu_);
        if (receivers_gone_) {
          return SendResult<T>::failure(SendStatus::disconnected, std::move(value));
        }
        queue_.push_back(std::move(value));
        queued_.store(queue_.size(), std::memory_order_relaxed);
        wake = claim_wake();
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
      local_.pop_front_into(out);
      after_take();
      return RecvStatus::ok;
    }
    if (shared_receivers_) receivers_looking_.fetch_add(1, std::memory_order_relaxed);
    if (wait != Wait::never) spin_for_message();
    bool wake = false;
    {
      SpinThenLock hold(mu_);
      // The check below is this receiver's look at the queue (see
      // claim_wake()).
      if (shared_receivers_) receivers_looking_.fetch_sub(1, std::memory_order_relaxed);
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
        // Whatever woke us (a send's notify, notify_all, a timeout or a
        // spurious wake-up), one wake-up fewer is on its way. Saturating: a
        // receiver woken by a timeout may take the count of a notify meant
        // for another, which then finds it zero; the error only ever
        // allows one notify too many, never one too few.
        if (wakes_pending_ > 0) --wakes_pending_;
        if (!in_time && queue_.empty()) {
          return senders_gone_ ? RecvStatus::disconnected : RecvStatus::timeout;
        }
      }
      if (shared_receivers_) {
        queue_.pop_front_into(out);
        // Messages are left and a receiver sleeps: a send that found a
        // spinner woke nobody, counting on it, and the spinner takes just
        // this one. Pass the wake-up on (see claim_wake()).
        if (!queue_.empty()) wake = claim_wake();
      } else {
        local_.take_all(queue_);  // take the whole batch
        local_.pop_front_into(out);
      }
      queued_.store(queue_.size(), std::memory_order_relaxed);
    }
    if (wake) not_empty_.notify_one();
    after_take();
    return RecvStatus::ok;
  }

 private:
  // Called under mu_ by a sender after queuing a message (and by a shared
  // receiver that leaves messages queued): whether to wake a receiver.
  // Only if one sleeps that no earlier send has already woken: a receiver
  // stays counted in receivers_waiting_ until it re-acquires mu_, and a
  // producer that notified again for every message in that window would
  // pay a futex call per message for one wake-up.
  //
  // Nor if a shared receiver is on its way to the queue (spinning, or
  // about to take mu_): it looks at the queue under mu_ after this send
  // (it counts itself out of receivers_looking_ in that same critical
  // section, so a count read under mu_ is a look still to come), takes
  // this message, and the sleeper sleeps on. A receiver that takes a
  // message and leaves others queued calls claim_wake() again, so a
  // message never waits beside a sleeper with nobody coming.
  bool claim_wake() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (receivers_waiting_ <= wakes_pending_) return false;
    if (shared_receivers_ && receivers_looking_.load(std::memory_order_relaxed) > 0) return false;
    ++wakes_pending_;
    return true;
  }

  // Watches `ready` (a lock-free read) for a while without the lock and
  // without announcing itself, and returns as soon as it holds or after a
  // few microseconds; the caller then re-checks under the lock and sleeps if
  // it must. Used by a receiver of an empty channel and by a sender of a
  // full one (see the header comment).
  //
  // No sched_yield(): a thread that yields on a machine with other runnable
  // processes goes to the back of the run queue for a whole time slice
  // (milliseconds), where sleeping on the condition variable would have
  // cost one wake-up (measured on a loaded 2-core machine: 1->1 int went
  // from 19 ms to 200-440 ms with yields).
  //
  // Bounded by time, not by a count of `pause`s: one pause costs a few
  // cycles on some x86 cores and ~140 on others.
  template <class Ready>
  static void spin_until(Ready ready, std::chrono::microseconds budget = kSpin) noexcept {
    if (ready()) return;
    const auto give_up = std::chrono::steady_clock::now() + budget;
    for (;;) {
      for (int i = 0; i < 32; ++i) {
        if (ready()) return;
        cpu_relax();
      }
      if (std::chrono::steady_clock::now() >= give_up) return;
    }
  }

  // Many times the other side's per-message cost (tens of ns), well under
  // what a sleep and wake-up cost together (two context switches).
  static constexpr std::chrono::microseconds kSpin{4};

  // The one spinning shared receiver spins longer: it is never more than
  // one core, and every time it gives up, both receivers sleep and the
  // producer pays a futex wake (and a context switch in and out) for the
  // next message. Measured on a loaded 2-core machine, int 1->2
  // unbounded: with 4 us the spinner gave up ~1800 times per 200k messages
  // (the producer had lost its core), 0.011-0.017 voluntary context
  // switches per message; with 20 us or 50 us, 0.0002-0.0015 (bounded:
  // 0.04-0.05 -> 0.003-0.006), and 3-8x the throughput. 200 us gained
  // nothing more.
  static constexpr std::chrono::microseconds kSharedSpin{20};

  // Shared receivers spin one at a time (the rule of Go's scheduler and of
  // glibc's adaptive mutex): one spinner already takes every message a
  // running producer sends, and each further spinner only takes a core
  // from the producer (three threads on two cores made the 1->2 rows 3-5x
  // slower than oneTBB's). A receiver that finds another spinning goes
  // straight to sleep; sends count on the spinner (a looking receiver, see
  // claim_wake()) instead of waking a sleeper.
  void spin_for_message() noexcept {
    auto has_message = [this] { return queued_.load(std::memory_order_relaxed) != 0; };
    if (!shared_receivers_) {
      spin_until(has_message);
      return;
    }
    if (has_message()) return;
    if (receiver_spinning_.load(std::memory_order_relaxed) ||
        receiver_spinning_.exchange(true, std::memory_order_relaxed)) {
      return;
    }
    spin_until(has_message, kSharedSpin);
    receiver_spinning_.store(false, std::memory_order_relaxed);
  }

  // A sender of a full bounded channel: the consumer frees a slot every few
  // nanoseconds while it runs, and a sender that has not announced itself
  // costs the consumer nothing (no lock, no futex wake).
  void spin_for_room() const noexcept {
    spin_until([this] { return in_flight_.load(std::memory_order_relaxed) < capacity_; });
  }

  // A bounded channel keeps every block its capacity can need (capped at
  // 1 MiB of blocks); an unbounded one the default few.
  static constexpr std::size_t spares_for(std::size_t capacity) noexcept {
    constexpr std::size_t kMost = (std::size_t{1} << 20) / BlockQueue<T>::kBlockBytes;
    if (capacity == kUnbounded) return BlockQueue<T>::kDefaultMaxSpares;
    const std::size_t need = BlockQueue<T>::blocks_for(capacity);
    return need < kMost ? need : kMost;
  }

  static void release(ChannelState* s) noexcept {
    if (s->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete s;
  }

  enum class SendStep { sent, full, disconnected, retry };

  // One attempt to queue into a bounded channel: pushes if there is room,
  // else (unless Wait::never) sleeps once on not_full_ and reports retry.
  SendStep try_push_bounded(T& value, Wait wait) {
    bool wake = false;
    {
      SpinThenLock hold(mu_);
      if (receivers_gone_) return SendStep::disconnected;
      if (in_flight_.load() >= capacity_) {
        if (wait == Wait::never) return SendStep::full;
        // Announce, then re-check: the consumer decrements in_flight_ before
        // it reads senders_waiting_ (see the header comment).
        senders_waiting_.fetch_add(1);
        if (in_flight_.load() >= capacity_) {
          not_full_.wait(mu_);
          // One wake-up fewer on its way (saturating, as for receivers).
          // Before senders_waiting_ goes down: after_take() reads the two
          // without the lock in the opposite order, so it never sees the
          // decremented waiting count with the stale pending count.
          if (sender_wakes_pending_.load() > 0) sender_wakes_pending_.fetch_sub(1);
        }
        senders_waiting_.fetch_sub(1);
        if (receivers_gone_) return SendStep::disconnected;
        if (in_flight_.load() >= capacity_) return SendStep::retry;
      }
      queue_.push_back(std::move(value));
      queued_.store(queue_.size(), std::memory_order_relaxed);
      in_flight_.fetch_add(1, std::memory_order_relaxed);
      wake = claim_wake();
    }
    if (wake) not_empty_.notify_one();
    return SendStep::sent;
  }

  // One message left the channel: a bounded channel has room for one more.
  // Wakes one sleeping sender, unless every sleeper already has a wake-up
  // on its way (the woken sender takes this slot too, or another sender
  // spinning in spin_for_room() does).
  void after_take() {
    if (capacity_ == kUnbounded) return;
    in_flight_.fetch_sub(1);
    // Lock-free pre-check, in this order (see try_push_bounded()): a
    // sleeper that is not yet woken makes waiting > pending.
    const std::size_t waiting = senders_waiting_.load();
    if (waiting == 0 || waiting <= sender_wakes_pending_.load()) return;
    bool wake = false;
    {
      // Under the lock every announced sender is asleep on not_full_ (it
      // announces, re-checks and waits without letting go of mu_), so the
      // claimed wake-up reaches a real sleeper.
      LockGuard hold(mu_);
      if (senders_waiting_.load() > sender_wakes_pending_.load()) {
        sender_wakes_pending_.fetch_add(1);
        wake = true;
      }
    }
    if (wake) not_full_.notify_one();
  }

  const std::size_t capacity_;
  const bool shared_receivers_;

  AnnotatedMutex mu_;
  CondVar not_empty_;  // receivers sleep here
  CondVar not_full_;   // senders of a full bounded channel sleep here
  BlockQueue<T> queue_ ABSL_GUARDED_BY(mu_);
  int receivers_waiting_ ABSL_GUARDED_BY(mu_) = 0;
  int wakes_pending_ ABSL_GUARDED_BY(mu_) = 0;  // notified, not yet awake
  bool senders_gone_ ABSL_GUARDED_BY(mu_) = false;
  bool receivers_gone_ ABSL_GUARDED_BY(mu_) = false;

  // The single consumer's batch: touched only by the one Receiver (never
  // used when shared_receivers_), swapped with queue_ under mu_.
  BlockQueue<T> local_;

  // queue_.size(), published for receivers spinning without the lock; a
  // hint only (written under mu_, the truth is re-read under mu_).
  std::atomic<std::size_t> queued_{0};
  std::atomic<std::size_t> in_flight_{0};        // bounded only
  std::atomic<std::size_t> senders_waiting_{0};  // bounded only
  // Senders notified on not_full_ and not yet awake; changed under mu_,
  // read without it by after_take() as a hint. Bounded only.
  std::atomic<std::size_t> sender_wakes_pending_{0};
  std::atomic<std::size_t> refs_{0};
  std::atomic<std::size_t> senders_{0};
  std::atomic<std::size_t> receivers_{0};
  // Shared receivers only; last, so that the fields the single-consumer
  // paths touch keep their offsets. receiver_spinning_: a shared receiver
  // is in spin_for_message() (at most one at a time).
  std::atomic<bool> receiver_spinning_{false};
  // Shared receivers inside receive() that have not yet looked at the
  // queue under mu_ (see claim_wake()).
  std::atomic<int> receivers_looking_{0};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_
