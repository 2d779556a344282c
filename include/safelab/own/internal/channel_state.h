// include/safelab/own/internal/channel_state.h
//
// The state every handle of one channel shares: a lock-free queue, the
// handle counts that drive disconnection, and where each side sleeps.
//
// Design (the throughput target is tbb::concurrent_bounded_queue):
//
//  * The queue is lock-free: ListQueue (unbounded, blocks of slots) or
//    ArrayQueue (bounded, a ring of exactly `capacity` slots). A send or a
//    receive that need not wait is one compare-exchange on its end of the
//    queue and one store on the message's slot; senders and receivers share
//    only the slot they exchange a message through. (The first design, one
//    mutex per channel, made every message cross cores on the mutex's cache
//    line as well: 0.45-0.98x oneTBB on the rows where neither side sleeps.)
//  * Closing is a bit in the queue's tail: the last Sender sets it (receivers
//    drain and then see "disconnected"); the last receiver sets it too (later
//    sends fail and hand the message back) and destroys what is queued.
//  * A receiver of an empty channel (a sender of a full one) watches the
//    queue for a few microseconds before it sleeps (spin_until()): a running
//    peer refills (drains) it within that time, so nobody pays for a futex
//    wake-up. Then it sleeps in Waiters, which the other side checks with
//    one load after each operation; only a real sleeper costs it a lock.
//  * Shared receivers spin one at a time (Go's scheduler and glibc's adaptive
//    mutex keep spinners to one for the same reason): a second spinner finds
//    no message the first would not have taken, and with more threads than
//    cores it takes the core the producer needs. The others sleep at once.
//    A send wakes a sleeper only if no receiver is on its way to the queue
//    (receivers_looking_): that one takes the message, and wakes a sleeper
//    itself if it leaves messages behind. The one spinner spins longer
//    (kSharedSpin): each time it gives up, the next message costs the
//    producer a futex wake.
//  * Capacity 0 is a rendezvous channel (Rendezvous: no buffer, each send
//    waits for a receiver to take its message). It has its own waiting, so
//    the code below hands every operation to it first.
//  * Handles hold a reference count; the last handle frees the state.
#ifndef SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_
#define SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

#include "safelab/own/internal/array_queue.h"
#include "safelab/own/internal/backoff.h"
#include "safelab/own/internal/list_queue.h"
#include "safelab/own/internal/queue_status.h"
#include "safelab/own/internal/rendezvous.h"
#include "safelab/own/internal/waiters.h"

namespace safelab::own::internal {

enum class Wait { never, forever, until };

template <class T>
class ChannelState {
  // A message is moved into its slot and out of it with no way back: a move
  // that throws half-way would lose it.
  static_assert(std::is_nothrow_move_constructible_v<T>,
                "safelab::own: a channel's message type must be nothrow move constructible");

 public:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t kMaxCapacity = ArrayQueue<T>::kMaxCapacity;

  ChannelState(std::size_t capacity, bool shared_receivers)
      : bounded_(capacity != kUnbounded && capacity != 0),
        rendezvous_(capacity == 0),
        refill_(bounded_ ? std::max<std::size_t>(1, capacity / 2) : 0),
        shared_receivers_(shared_receivers),
        array_(bounded_ ? capacity : 0) {}
  ChannelState(const ChannelState&) = delete;
  ChannelState& operator=(const ChannelState&) = delete;

  std::size_t capacity() const noexcept {
    if (rendezvous_) return 0;
    return bounded_ ? array_.capacity() : kUnbounded;
  }

  // ---- handle lifetime --------------------------------------------------

  void add_sender() noexcept {
    refs_.fetch_add(1, std::memory_order_relaxed);
    senders_.fetch_add(1, std::memory_order_relaxed);
  }
  void add_receiver() noexcept {
    refs_.fetch_add(1, std::memory_order_relaxed);
    receivers_.fetch_add(1, std::memory_order_relaxed);
  }

  // The last sender closes the queue and wakes every sleeping receiver: they
  // drain what is queued and then see "disconnected".
  static void drop_sender(ChannelState* s) noexcept {
    if (s->senders_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      s->close();
      s->receivers_sleep_.notify_all();
    }
    release(s);
  }

  // The last receiver closes the queue, wakes every sender blocked on a full
  // channel (they get their message back) and destroys what is still
  // queued: nobody can receive it any more (Rust drops it too).
  static void drop_receiver(ChannelState* s) noexcept {
    if (s->receivers_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      s->close();
      s->senders_sleep_.notify_all();
      s->discard_all();
    }
    release(s);
  }

  // ---- sending ------------------------------------------------------------

  // Queues `value`, or leaves it untouched and says why not (full only for
  // Wait::never).
  PushStatus send(T& value, Wait wait) {
    if (rendezvous_) return zero_.send(value, wait != Wait::never);
    for (;;) {
      const PushStatus status = bounded_ ? array_.push(value) : list_.push(value);
      if (status == PushStatus::ok) {
        wake_a_receiver();
        return status;
      }
      if (status == PushStatus::disconnected || wait == Wait::never) return status;
      wait_for_room();
    }
  }

  // A sender that found a bounded channel full waits here, then retries.
  //
  // Why not retry as soon as one slot is free (the first design): with the
  // receiver running on the other core, the queue then stays full and the
  // two sides go in lock-step, one message per slot freed. Every failed
  // push reads the head the receiver has just written and every pop then
  // takes that cache line back: a cache-line transfer both ways per
  // message. (Rust's sync_channel escapes it by parking the sender at once:
  // the receiver drains a batch while the sender wakes up.) So the one
  // spinning sender waits until the receiver has freed half the ring
  // (refill_), looking every kPollPause pauses rather than at every one,
  // then refills it in one run; after kSendSpin it takes whatever room
  // there is. Only one sender spins: with two senders and a receiver on
  // two cores a second spinner would take the receiver's core, so the
  // others sleep at once, and a receive wakes one as soon as one slot is
  // free (as Rust's), by when the wake-up latency has let a batch drain.
  void wait_for_room() {
    if (!sender_spinning_.load(std::memory_order_relaxed) &&
        !sender_spinning_.exchange(true, std::memory_order_acquire)) {
      const bool batch =
          poll_until([this] { return array_.has_room_for_or_closed(refill_); }, kSendSpin);
      sender_spinning_.store(false, std::memory_order_release);
      if (batch || array_.has_room_or_closed()) return;
    }
    senders_sleep_.sleep([this] { return array_.has_room_or_closed(); }, false, {});
  }

  // ---- receiving ----------------------------------------------------------

  // Receives one message into `out`. `deadline` matters only for Wait::until.
  RecvStatus receive(std::optional<T>& out, Wait wait, TimedWaitClock::time_point deadline = {}) {
    if (rendezvous_) return zero_.receive(out, wait != Wait::never, wait == Wait::until, deadline);
    for (;;) {
      const PopStatus status = bounded_ ? array_.pop(out) : list_.pop(out);
      if (status == PopStatus::ok) {
        after_take();
        return RecvStatus::ok;
      }
      if (status == PopStatus::disconnected) return RecvStatus::disconnected;
      if (wait == Wait::never) return RecvStatus::empty;
      // Spin kSpin (kSharedSpin for the one shared spinner), never past a
      // recv_for() deadline.
      std::chrono::microseconds spin = shared_receivers_ ? kSharedSpin : kSpin;
      if (wait == Wait::until) {
        const auto left = deadline - TimedWaitClock::now();
        if (left <= left.zero()) return RecvStatus::timeout;
        spin = std::min(spin, std::chrono::duration_cast<std::chrono::microseconds>(left));
      }
      if (!spin_for_message(spin)) {
        receivers_sleep_.sleep([this] { return has_message_or_closed(); }, wait == Wait::until,
                               deadline);
      }
    }
  }

 private:
  bool has_message_or_closed() const noexcept {
    return bounded_ ? array_.has_message_or_closed() : list_.has_message_or_closed();
  }
  void close() noexcept {
    if (rendezvous_) {
      zero_.close();
    } else if (bounded_) {
      array_.close();
    } else {
      list_.close();
    }
  }
  void discard_all() noexcept {
    if (bounded_) {
      array_.discard_all();
    } else {
      list_.discard_all();
    }
  }

  // After a send: wake a sleeping receiver, unless a shared receiver is on
  // its way to the queue. That one decrements receivers_looking_ and then
  // looks (both sequentially consistent, as the push is), so a count
  // read here is a look still to come, which will find this message. A
  // receiver that takes a message and leaves others behind wakes a sleeper
  // itself (after_take()), so a message never waits beside a sleeper with
  // nobody coming.
  void wake_a_receiver() noexcept {
    if (shared_receivers_ && receivers_looking_.load(std::memory_order_seq_cst) > 0) return;
    receivers_sleep_.notify_one();
  }

  // After a receive: a bounded channel has room for one more, and a shared
  // receiver passes on the wake-up a send may have left to it.
  void after_take() noexcept {
    if (bounded_) senders_sleep_.notify_one();
    if (shared_receivers_ && receivers_sleep_.has_sleepers() && has_message_or_closed()) {
      receivers_sleep_.notify_one();
    }
  }

  // Watches `ready` (lock-free reads) for up to `budget` and returns whether
  // it came true; the caller then retries its operation, or sleeps.
  //
  // No sched_yield(): a thread that yields on a machine with other runnable
  // processes goes to the back of the run queue for a whole time slice
  // (milliseconds), where sleeping would have cost one wake-up (measured on
  // a loaded 2-core machine: 1->1 int went from 19 ms to 200-440 ms with
  // yields).
  //
  // Bounded by time, not by a count of `pause`s: one pause costs a few
  // cycles on some x86 cores and ~140 on others.
  template <class Ready>
  static bool spin_until(Ready ready, std::chrono::microseconds budget = kSpin) noexcept {
    if (ready()) return true;
    const auto give_up = std::chrono::steady_clock::now() + budget;
    for (;;) {
      for (int i = 0; i < 32; ++i) {
        if (ready()) return true;
        cpu_relax();
      }
      if (std::chrono::steady_clock::now() >= give_up) return ready();
    }
  }

  // As spin_until(), looking at `ready` only every kPollPause pauses: each
  // look at the other side's index takes its cache line away from it.
  template <class Ready>
  static bool poll_until(Ready ready, std::chrono::microseconds budget) noexcept {
    const auto give_up = std::chrono::steady_clock::now() + budget;
    for (;;) {
      for (int i = 0; i < kPollPause; ++i) cpu_relax();
      if (ready()) return true;
      if (std::chrono::steady_clock::now() >= give_up) return false;
    }
  }
  static constexpr int kPollPause = 16;
  // Enough for a running receiver to free half of any reasonable ring (a
  // pop costs it tens of ns), short beside a sleep and wake-up.
  static constexpr std::chrono::microseconds kSendSpin{20};

  // Many times the other side's per-message cost (tens of ns), well under
  // what a sleep and wake-up cost together (two context switches).
  static constexpr std::chrono::microseconds kSpin{4};

  // The one spinning shared receiver spins longer: it is never more than
  // one core, and every time it gives up, both receivers sleep and the
  // producer pays a futex wake (and a context switch in and out) for the
  // next message. Measured with the first (mutex-based) queue on a loaded
  // 2-core machine, int 1->2 unbounded: with 4 us the spinner gave up
  // ~1800 times per 200k messages (the producer had lost its core),
  // 0.011-0.017 voluntary context switches per message; with 20 us or
  // 50 us, 0.0002-0.0015, and 3-8x the throughput. 200 us gained nothing.
  static constexpr std::chrono::microseconds kSharedSpin{20};

  // Whether a message (or the close) arrived while spinning for up to
  // `budget`. A shared receiver counts itself in receivers_looking_
  // meanwhile (see wake_a_receiver()), and spins only if no other one does.
  bool spin_for_message(std::chrono::microseconds budget) noexcept {
    auto ready = [this] { return has_message_or_closed(); };
    if (!shared_receivers_) return spin_until(ready, budget);
    receivers_looking_.fetch_add(1, std::memory_order_seq_cst);
    if (!receiver_spinning_.load(std::memory_order_relaxed) &&
        !receiver_spinning_.exchange(true, std::memory_order_relaxed)) {
      spin_until(ready, budget);
      receiver_spinning_.store(false, std::memory_order_relaxed);
    }
    receivers_looking_.fetch_sub(1, std::memory_order_seq_cst);
    return ready();  // the look a send that found us counted on
  }

  static void release(ChannelState* s) noexcept {
    if (s->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete s;
  }

  const bool bounded_;        // capacity >= 1: array_
  const bool rendezvous_;     // capacity 0: zero_
  const std::size_t refill_;  // the room a waiting sender waits for (half)
  const bool shared_receivers_;
  ListQueue<T> list_;    // unbounded channels
  ArrayQueue<T> array_;  // bounded channels
  Rendezvous<T> zero_;   // rendezvous channels
  Waiters receivers_sleep_;
  Waiters senders_sleep_;  // bounded only

  std::atomic<std::size_t> refs_{0};
  std::atomic<std::size_t> senders_{0};
  std::atomic<std::size_t> receivers_{0};
  // Shared receivers only. receiver_spinning_: one is in spin_for_message()'s
  // spin (at most one at a time). receivers_looking_: those between deciding
  // to wait and their look at the queue (see wake_a_receiver()).
  std::atomic<bool> receiver_spinning_{false};
  // Bounded channels: a sender is in wait_for_room()'s spin (at most one).
  std::atomic<bool> sender_spinning_{false};
  std::atomic<int> receivers_looking_{0};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_CHANNEL_STATE_H_
