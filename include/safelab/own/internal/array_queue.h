// include/safelab/own/internal/array_queue.h
//
// ArrayQueue<T>: the bounded lock-free MPMC queue under a bounded Channel:
// Dmitry Vyukov's bounded queue, with crossbeam-channel's array flavour's
// way of closing it.
//
// A ring of `capacity` slots, allocated once. The head and tail are ticket
// counters (lap number and slot index in one word). Each slot carries a
// stamp that says whose turn it is: the sender holding ticket t may write
// slot t when its stamp is t, and then sets it to t + 1; the receiver
// holding ticket t may read it when the stamp is t + 1, and then sets it to
// t + one lap, handing the slot to the sender one lap later. A send or
// receive is one compare-exchange on its end plus one release store on the
// slot: no lock, and senders and receivers meet only on the slot they
// exchange a message through. The capacity is exact: a push fails `full`
// when the tail is one lap ahead of the head.
//
// Index layout: the slot index in the low bits, then kMark (a power of two
// above the capacity; on the tail it means closed), then the lap.
#ifndef SAFELAB_OWN_INTERNAL_ARRAY_QUEUE_H_
#define SAFELAB_OWN_INTERNAL_ARRAY_QUEUE_H_

#include <atomic>
#include <bit>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

#include "safelab/own/internal/backoff.h"
#include "safelab/own/internal/queue_status.h"

namespace safelab::own::internal {

template <class T>
class ArrayQueue {
 public:
  // REQUIRES: 1 <= capacity <= kMaxCapacity, or 0 for a queue never used
  // (an unbounded channel's unused bounded half).
  explicit ArrayQueue(std::size_t capacity)
      : capacity_(capacity),
        mark_(std::bit_ceil(capacity + 1)),
        one_lap_(mark_ * 2),
        slots_(capacity == 0 ? nullptr : new Slot[capacity]) {
    for (std::size_t i = 0; i < capacity_; ++i) {
      slots_[i].stamp.store(i, std::memory_order_relaxed);
    }
  }
  ArrayQueue(const ArrayQueue&) = delete;
  ArrayQueue& operator=(const ArrayQueue&) = delete;
  // REQUIRES: no other thread uses the queue.
  ~ArrayQueue() { discard_all(); }

  // Large enough for any real use; the cap bounds the allocation up front.
  static constexpr std::size_t kMaxCapacity = std::size_t{1} << 40;

  std::size_t capacity() const noexcept { return capacity_; }

  // ArrayQueue::push()
  //
  // Queues `value` (moving from it) unless the queue is full or closed.
  PushStatus push(T& value) {
    Backoff backoff;
    std::size_t tail = tail_.load(std::memory_order_relaxed);
    for (;;) {
      if ((tail & mark_) != 0) return PushStatus::disconnected;
      const std::size_t index = tail & (mark_ - 1);
      const std::size_t lap = tail & ~(one_lap_ - 1);
      Slot& slot = slots_[index];
      const std::size_t stamp = slot.stamp.load(std::memory_order_acquire);
      if (stamp == tail) {  // our turn on this slot
        const std::size_t new_tail = index + 1 < capacity_ ? tail + 1 : lap + one_lap_;
        if (tail_.compare_exchange_weak(tail, new_tail, std::memory_order_seq_cst,
                                        std::memory_order_relaxed)) {
          std::construct_at(&slot.value, std::move(value));
          slot.stamp.store(tail + 1, std::memory_order_release);
          return PushStatus::ok;
        }
        backoff.spin();
      } else if (stamp + one_lap_ == tail + 1) {  // the slot still holds last lap's message
        std::atomic_thread_fence(std::memory_order_seq_cst);
        const std::size_t head = head_.load(std::memory_order_relaxed);
        if (head + one_lap_ == tail) return PushStatus::full;
        backoff.snooze();  // a receiver has taken it and is reading it (maybe preempted)
        tail = tail_.load(std::memory_order_relaxed);
      } else {  // another sender moved the tail on
        backoff.snooze();
        tail = tail_.load(std::memory_order_relaxed);
      }
    }
  }

  // ArrayQueue::pop()
  //
  // Moves the oldest message into `out`, or reports empty / disconnected
  // (empty and closed).
  PopStatus pop(std::optional<T>& out) {
    Backoff backoff;
    std::size_t head = head_.load(std::memory_order_relaxed);
    for (;;) {
      const std::size_t index = head & (mark_ - 1);
      const std::size_t lap = head & ~(one_lap_ - 1);
      Slot& slot = slots_[index];
      const std::size_t stamp = slot.stamp.load(std::memory_order_acquire);
      if (stamp == head + 1) {  // written: our turn
        const std::size_t new_head = index + 1 < capacity_ ? head + 1 : lap + one_lap_;
        if (head_.compare_exchange_weak(head, new_head, std::memory_order_seq_cst,
                                        std::memory_order_relaxed)) {
          out.emplace(std::move(slot.value));
          std::destroy_at(&slot.value);
          slot.stamp.store(head + one_lap_, std::memory_order_release);
          return PopStatus::ok;
        }
        backoff.spin();
      } else if (stamp == head) {  // not written yet: empty, or a sender is writing
        std::atomic_thread_fence(std::memory_order_seq_cst);
        const std::size_t tail = tail_.load(std::memory_order_relaxed);
        if ((tail & ~mark_) == head) {
          return (tail & mark_) != 0 ? PopStatus::disconnected : PopStatus::empty;
        }
        backoff.snooze();  // a sender has taken it and is writing it (maybe preempted)
        head = head_.load(std::memory_order_relaxed);
      } else {  // another receiver moved the head on
        backoff.snooze();
        head = head_.load(std::memory_order_relaxed);
      }
    }
  }

  // ArrayQueue::close()
  //
  // Makes every later push fail. Returns true for the call that closed it.
  bool close() noexcept { return (tail_.fetch_or(mark_, std::memory_order_seq_cst) & mark_) == 0; }

  // Whether a pop would not report empty (a receiver's condition to stop
  // waiting), and whether a push would not report full (a sender's).
  // Sequentially consistent, for the same reason as in ListQueue.
  bool has_message_or_closed() const noexcept {
    return tail_.load(std::memory_order_seq_cst) != head_.load(std::memory_order_seq_cst);
  }
  bool has_room_or_closed() const noexcept {
    const std::size_t tail = tail_.load(std::memory_order_seq_cst);
    const std::size_t head = head_.load(std::memory_order_seq_cst);
    return (tail & mark_) != 0 || head + one_lap_ != tail;
  }

  // Whether at least `n` slots are free, or the queue is closed: what a
  // sender waiting on a full queue watches for (see ChannelState::send()).
  // The length is crossbeam's len(), from one look at each end.
  bool has_room_for_or_closed(std::size_t n) const noexcept {
    const std::size_t tail = tail_.load(std::memory_order_seq_cst);
    const std::size_t head = head_.load(std::memory_order_seq_cst);
    if ((tail & mark_) != 0) return true;
    const std::size_t hix = head & (mark_ - 1);
    const std::size_t tix = tail & (mark_ - 1);
    std::size_t len = 0;
    if (hix < tix) {
      len = tix - hix;
    } else if (hix > tix) {
      len = capacity_ - hix + tix;
    } else if (tail != head) {
      len = capacity_;
    }
    return capacity_ - len >= n;
  }

  // ArrayQueue::discard_all()
  //
  // Destroys every queued message, waiting for senders that have taken a
  // ticket to finish writing.
  // REQUIRES: closed, or no other thread uses the queue; no concurrent pop.
  void discard_all() noexcept {
    if (capacity_ == 0) return;
    Backoff backoff;
    const std::size_t tail = tail_.load(std::memory_order_acquire) & ~mark_;
    std::size_t head = head_.load(std::memory_order_relaxed);
    while (head != tail) {
      const std::size_t index = head & (mark_ - 1);
      const std::size_t lap = head & ~(one_lap_ - 1);
      Slot& slot = slots_[index];
      if (slot.stamp.load(std::memory_order_acquire) != head + 1) {  // still being written
        backoff.snooze();
        continue;
      }
      std::destroy_at(&slot.value);
      head = index + 1 < capacity_ ? head + 1 : lap + one_lap_;
    }
    head_.store(head, std::memory_order_release);
  }

 private:
  struct Slot {
    Slot() noexcept {}  // leaves `value` unconstructed
    ~Slot() {}          // the queue destroys `value` itself
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

    std::atomic<std::size_t> stamp{0};
    union {
      T value;
    };
  };

  const std::size_t capacity_;
  const std::size_t mark_;
  const std::size_t one_lap_;
  const std::unique_ptr<Slot[]> slots_;
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_ARRAY_QUEUE_H_
