// include/safelab/own/internal/list_queue.h
//
// ListQueue<T>: the unbounded lock-free MPMC queue under an unbounded
// Channel, after crossbeam-channel's list flavour (itself after Vyukov's
// bounded queue, chained).
//
// Messages live in blocks of kBlockCap slots linked in a list. Each end is a
// Position: a ticket counter (`index`) and the block that ticket falls in.
// A sender takes a ticket with one compare-exchange on the tail, writes the
// message into that slot and sets the slot's WRITE bit; a receiver takes a
// ticket on the head, waits for WRITE, moves the message out and sets READ.
// No lock, and the two ends share a cache line only when the queue is empty.
//
// Index layout: bit 0 is a flag, the ticket is index >> kShift, and the
// ticket's slot is ticket % kLap. Slot kBlockCap (the last of a lap) never
// holds a message: an index parked there means "the next block is being
// linked", and whoever sees it snoozes until the index moves on.
//   tail bit 0 (kMark): the queue is closed; every later push fails.
//   head bit 0 (kMark): the head and tail are in different blocks, so there
//                       is a message without looking at the tail.
//
// Blocks are freed by the receivers: the one that reads a block's last slot
// starts, and a slot still being read when it gets there (READ unset) is
// marked DESTROY, which hands the rest of the job to that slot's reader.
//
// Blocks come from and go back to a process-wide BlockCache, so a backlog is
// written into memory the process has already touched.
//
// A message is moved in once and out once. A push moves from its argument
// only when it succeeds, so a failed send can hand the message back.
#ifndef SAFELAB_OWN_INTERNAL_LIST_QUEUE_H_
#define SAFELAB_OWN_INTERNAL_LIST_QUEUE_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

#include "safelab/own/internal/backoff.h"
#include "safelab/own/internal/block_cache.h"
#include "safelab/own/internal/queue_status.h"

namespace safelab::own::internal {

template <class T>
class ListQueue {
 public:
  ListQueue() = default;
  ListQueue(const ListQueue&) = delete;
  ListQueue& operator=(const ListQueue&) = delete;
  // REQUIRES: no other thread uses the queue.
  ~ListQueue() { discard_all(); }

  // ListQueue::push()
  //
  // Queues `value` (moving from it) unless the queue is closed. Lock-free.
  PushStatus push(T& value) {
    Backoff backoff;
    std::size_t tail = tail_.index.load(std::memory_order_acquire);
    Block* block = tail_.block.load(std::memory_order_acquire);
    BlockPtr next_block;  // made early when about to fill a block
    for (;;) {
      if ((tail & kMark) != 0) return PushStatus::disconnected;
      const std::size_t offset = (tail >> kShift) % kLap;
      if (offset == kBlockCap) {  // another sender is linking the next block
        backoff.snooze();
        tail = tail_.index.load(std::memory_order_acquire);
        block = tail_.block.load(std::memory_order_acquire);
        continue;
      }
      // Allocate before taking the last slot, not after: the other senders
      // wait while the next block is linked.
      if (offset + 1 == kBlockCap && !next_block) next_block = new_block();
      if (block == nullptr) {  // the very first message: install the first block
        BlockPtr first = new_block();
        Block* expected = nullptr;
        if (tail_.block.compare_exchange_strong(expected, first.get(), std::memory_order_release,
                                                std::memory_order_relaxed)) {
          block = first.release();
          head_.block.store(block, std::memory_order_release);
        } else {
          next_block = std::move(first);  // keep it for later, as crossbeam does
          tail = tail_.index.load(std::memory_order_acquire);
          block = tail_.block.load(std::memory_order_acquire);
          continue;
        }
      }
      const std::size_t new_tail = tail + (std::size_t{1} << kShift);
      if (tail_.index.compare_exchange_weak(tail, new_tail, std::memory_order_seq_cst,
                                            std::memory_order_acquire)) {
        if (offset + 1 == kBlockCap) {
          Block* next = next_block.release();
          tail_.block.store(next, std::memory_order_release);
          // Step past the parked slot. An add, not a store: close() may have
          // set kMark meanwhile, and it must stay set.
          tail_.index.fetch_add(std::size_t{1} << kShift, std::memory_order_release);
          block->next.store(next, std::memory_order_release);
        }
        Slot& slot = block->slots[offset];
        std::construct_at(&slot.value, std::move(value));
        slot.state.fetch_or(kWrite, std::memory_order_release);
        return PushStatus::ok;
      }
      block = tail_.block.load(std::memory_order_acquire);
      backoff.spin();
    }
  }

  // ListQueue::pop()
  //
  // Moves the oldest message into `out`, or reports empty / disconnected
  // (empty and closed). Lock-free, except that it waits for a sender that has
  // taken the ticket but not yet written the message.
  PopStatus pop(std::optional<T>& out) {
    Backoff backoff;
    std::size_t head = head_.index.load(std::memory_order_acquire);
    Block* block = head_.block.load(std::memory_order_acquire);
    for (;;) {
      const std::size_t offset = (head >> kShift) % kLap;
      if (offset == kBlockCap) {  // another receiver is moving to the next block
        backoff.snooze();
        head = head_.index.load(std::memory_order_acquire);
        block = head_.block.load(std::memory_order_acquire);
        continue;
      }
      std::size_t new_head = head + (std::size_t{1} << kShift);
      if ((new_head & kMark) == 0) {  // same block as the tail, perhaps: look
        std::atomic_thread_fence(std::memory_order_seq_cst);
        const std::size_t tail = tail_.index.load(std::memory_order_relaxed);
        if ((head >> kShift) == (tail >> kShift)) {
          return (tail & kMark) != 0 ? PopStatus::disconnected : PopStatus::empty;
        }
        if ((head >> kShift) / kLap != (tail >> kShift) / kLap) new_head |= kMark;
      }
      if (block == nullptr) {  // a sender is still installing the first block
        backoff.snooze();
        head = head_.index.load(std::memory_order_acquire);
        block = head_.block.load(std::memory_order_acquire);
        continue;
      }
      if (head_.index.compare_exchange_weak(head, new_head, std::memory_order_seq_cst,
                                            std::memory_order_acquire)) {
        if (offset + 1 == kBlockCap) {
          Block* next = block->wait_next();
          std::size_t next_index = (new_head & ~kMark) + (std::size_t{1} << kShift);
          if (next->next.load(std::memory_order_relaxed) != nullptr) next_index |= kMark;
          head_.block.store(next, std::memory_order_release);
          head_.index.store(next_index, std::memory_order_release);
        }
        Slot& slot = block->slots[offset];
        slot.wait_write();
        out.emplace(std::move(slot.value));
        std::destroy_at(&slot.value);
        if (offset + 1 == kBlockCap) {
          destroy(block, 0);
        } else if ((slot.state.fetch_or(kRead, std::memory_order_acq_rel) & kDestroy) != 0) {
          destroy(block, offset + 1);
        }
        return PopStatus::ok;
      }
      block = head_.block.load(std::memory_order_acquire);
      backoff.spin();
    }
  }

  // ListQueue::close()
  //
  // Makes every later push fail. Returns true for the call that closed it.
  bool close() noexcept {
    return (tail_.index.fetch_or(kMark, std::memory_order_seq_cst) & kMark) == 0;
  }

  // ListQueue::has_message_or_closed()
  //
  // Whether a pop would not report empty: a receiver's condition to stop
  // waiting. (While a receiver moves the head past a block's parked slot it
  // may say yes for an empty queue; the pop that follows says empty.)
  // Sequentially consistent, so that a receiver that announces it
  // sleeps and then checks this cannot miss a push that then finds no
  // sleeper announced (see Waiters).
  bool has_message_or_closed() const noexcept {
    const std::size_t tail = tail_.index.load(std::memory_order_seq_cst);
    const std::size_t head = head_.index.load(std::memory_order_seq_cst);
    return (tail & kMark) != 0 || (head >> kShift) != (tail >> kShift);
  }

  // ListQueue::discard_all()
  //
  // Destroys every queued message and block, waiting for senders that have
  // taken a ticket to finish writing.
  // REQUIRES: closed, or no other thread uses the queue; no concurrent pop.
  void discard_all() noexcept {
    Backoff backoff;
    std::size_t tail = tail_.index.load(std::memory_order_acquire);
    while ((tail >> kShift) % kLap == kBlockCap) {  // a block is being linked
      backoff.snooze();
      tail = tail_.index.load(std::memory_order_acquire);
    }
    std::size_t head = head_.index.load(std::memory_order_acquire);
    Block* block = head_.block.exchange(nullptr, std::memory_order_acq_rel);
    // A sender can have taken a ticket before the first block is published
    // to the head: wait for it.
    while ((head >> kShift) != (tail >> kShift) && block == nullptr) {
      backoff.snooze();
      block = head_.block.exchange(nullptr, std::memory_order_acq_rel);
    }
    while ((head >> kShift) != (tail >> kShift)) {
      const std::size_t offset = (head >> kShift) % kLap;
      if (offset < kBlockCap) {
        Slot& slot = block->slots[offset];
        slot.wait_write();
        std::destroy_at(&slot.value);
      } else {
        Block* next = block->wait_next();
        BlockCache<Block>::give(block);
        block = next;
      }
      head += std::size_t{1} << kShift;
    }
    if (block != nullptr) BlockCache<Block>::give(block);
    head_.index.store(head & ~kMark, std::memory_order_release);
  }

 private:
  static constexpr std::size_t kShift = 1;
  static constexpr std::size_t kMark = 1;
  static constexpr std::size_t kLap = 32;
  static constexpr std::size_t kBlockCap = kLap - 1;

  static constexpr unsigned kWrite = 1;    // the message is in the slot
  static constexpr unsigned kRead = 2;     // the message has left the slot
  static constexpr unsigned kDestroy = 4;  // free the block after reading

  struct Slot {
    Slot() noexcept {}  // leaves `value` unconstructed
    ~Slot() {}          // the queue destroys `value` itself
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

    void wait_write() const noexcept {
      Backoff backoff;
      while ((state.load(std::memory_order_acquire) & kWrite) == 0) backoff.snooze();
    }

    std::atomic<unsigned> state{0};
    union {
      T value;
    };
  };

  struct Block {
    Block* wait_next() const noexcept {
      Backoff backoff;
      for (;;) {
        Block* linked = next.load(std::memory_order_acquire);
        if (linked != nullptr) return linked;
        backoff.snooze();
      }
    }

    std::atomic<Block*> next{nullptr};
    Block* spare_next = nullptr;  // BlockCache's link
    Slot slots[kBlockCap];
  };

  // Frees `block` once every slot from `start` on has been read; a slot
  // still being read gets DESTROY and its reader calls this again past it.
  // The last slot's reader starts at 0, so that slot is never checked.
  static void destroy(Block* block, std::size_t start) noexcept {
    for (std::size_t i = start; i + 1 < kBlockCap; ++i) {
      Slot& slot = block->slots[i];
      if ((slot.state.load(std::memory_order_acquire) & kRead) == 0 &&
          (slot.state.fetch_or(kDestroy, std::memory_order_acq_rel) & kRead) == 0) {
        return;
      }
    }
    BlockCache<Block>::give(block);
  }

  struct GiveBack {
    void operator()(Block* block) const noexcept { BlockCache<Block>::give(block); }
  };
  using BlockPtr = std::unique_ptr<Block, GiveBack>;

  // A block with every slot empty: a cached one, reset, or a new one.
  static BlockPtr new_block() {
    Block* block = BlockCache<Block>::take();
    if (block == nullptr) return BlockPtr(new Block);
    block->next.store(nullptr, std::memory_order_relaxed);
    for (Slot& slot : block->slots) slot.state.store(0, std::memory_order_relaxed);
    return BlockPtr(block);
  }

  struct alignas(64) Position {
    std::atomic<std::size_t> index{0};
    std::atomic<Block*> block{nullptr};
  };

  Position head_;
  Position tail_;
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_LIST_QUEUE_H_
