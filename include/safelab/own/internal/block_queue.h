// include/safelab/own/internal/block_queue.h
//
// BlockQueue<T>: an unbounded FIFO made of fixed-size blocks, the storage of
// a Channel's queue.
//
// Why blocks and not one growable ring: a channel whose producer outruns its
// consumer holds a backlog. A ring that doubles to hold it copies every
// queued message at each doubling and, once past malloc's mmap threshold,
// gets fresh zeroed pages from the kernel each time it grows (measured: ~5
// minor faults per 1 KiB message). Blocks never copy: growing is linking one
// more block. Emptied blocks go to a small spare list and are reused by the
// next push, so a channel in steady state allocates nothing, and a backlog is
// written into memory the process has already touched.
//
// std::deque is also a list of blocks, but its blocks are 512 bytes (one
// element per block for a 1 KiB message) and it frees them as it goes.
//
// take_all() moves the whole content to another queue in O(1) and hands that
// queue's spare blocks back: it is how a single consumer takes a batch in one
// critical section and returns the blocks it has drained to the producers.
// Not thread-safe: the Channel's mutex guards it.
#ifndef SAFELAB_OWN_INTERNAL_BLOCK_QUEUE_H_
#define SAFELAB_OWN_INTERNAL_BLOCK_QUEUE_H_

#include <cstddef>
#include <new>
#include <utility>

namespace safelab::own::internal {

template <class T>
class BlockQueue {
 public:
  // 16 KiB per block (a few pages: big enough that the per-block bookkeeping
  // is noise, small enough that an idle channel holds little), and at least
  // four messages per block for large messages.
  static constexpr std::size_t kBlockBytes = 16 * 1024;
  static constexpr std::size_t kPerBlock = sizeof(T) * 4 > kBlockBytes ? 4
                                                                       : kBlockBytes / sizeof(T);
  // Spare blocks kept by default; more are returned to the allocator, so an
  // unbounded channel keeps at most a few blocks after a burst.
  static constexpr std::size_t kDefaultMaxSpares = 16;

  // A queue that keeps up to `max_spares` emptied blocks for reuse. A
  // bounded channel passes what its capacity can ever need: with fewer, the
  // blocks cycle through malloc, which returns them to the kernel (heap
  // trimming) and faults them in again (measured: 0.06 minor faults per
  // 1 KiB message with 4 spares at capacity 256, 0.003 with enough).
  explicit BlockQueue(std::size_t max_spares = kDefaultMaxSpares) noexcept
      : max_spares_(max_spares) {}

  // Blocks needed to hold `messages` elements at any offset.
  static constexpr std::size_t blocks_for(std::size_t messages) noexcept {
    return messages / kPerBlock + 2;
  }

  BlockQueue(const BlockQueue&) = delete;
  BlockQueue& operator=(const BlockQueue&) = delete;
  ~BlockQueue() {
    clear();
    free_chain(head_);
    free_chain(spares_);
  }

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  // Appends `value`. Strong guarantee: if allocating a block or the move
  // throws, the queue is unchanged.
  void push_back(T&& value) {
    if (tail_ != nullptr && tail_index_ < kPerBlock) {
      ::new (tail_->slot(tail_index_)) T(std::move(value));
      ++tail_index_;
    } else {
      Block* block = take_spare();
      if (block == nullptr) block = new Block;
      try {
        ::new (block->slot(0)) T(std::move(value));
      } catch (...) {
        recycle(block);
        throw;
      }
      block->next = nullptr;
      if (tail_ == nullptr) {
        head_ = block;
        head_index_ = 0;
      } else {
        tail_->next = block;
      }
      tail_ = block;
      tail_index_ = 1;
    }
    ++size_;
  }

  // Moves the oldest element straight into `out` (a std::optional<T>) and
  // removes it: one move of T where `out.emplace(pop())` makes two (a 1 KiB
  // message is two 1 KiB copies).
  // REQUIRES: !empty().
  template <class Optional>
  void pop_front_into(Optional& out) {
    T* slot = head_->slot(head_index_);
    out.emplace(std::move(*slot));  // if this throws, nothing has changed
    slot->~T();
    ++head_index_;
    --size_;
    if (size_ == 0) {
      // Keep the one block and write from its start again: a channel that
      // alternates push/pop never touches more than one block.
      // (Empty means head == tail.)
      head_index_ = 0;
      tail_index_ = 0;
    } else if (head_index_ == kPerBlock) {
      Block* drained = head_;
      head_ = head_->next;
      head_index_ = 0;
      recycle(drained);
    }
  }

  // Destroys every element; keeps at most one block plus the spares.
  void clear() noexcept {
    while (size_ > 0) {
      head_->slot(head_index_)->~T();
      --size_;
      if (++head_index_ == kPerBlock && size_ > 0) {
        Block* drained = head_;
        head_ = head_->next;
        head_index_ = 0;
        recycle(drained);
      }
    }
    head_index_ = 0;
    tail_index_ = 0;
  }

  // Moves every element of `from` to this queue, and gives `from` this
  // queue's spare blocks (it is the side that will push next). O(1) plus
  // at most max_spares block moves.
  // REQUIRES: empty().
  void take_all(BlockQueue& from) noexcept {
    // Our one empty block becomes a spare, then the spares go to `from`.
    if (head_ != nullptr) {
      recycle(head_);
      head_ = tail_ = nullptr;
    }
    std::swap(head_, from.head_);
    std::swap(tail_, from.tail_);
    std::swap(head_index_, from.head_index_);
    std::swap(tail_index_, from.tail_index_);
    std::swap(size_, from.size_);
    while (spares_ != nullptr && from.spare_count_ < from.max_spares_) from.recycle(take_spare());
  }

 private:
  struct Block {
    T* slot(std::size_t i) noexcept {
      return std::launder(reinterpret_cast<T*>(storage + i * sizeof(T)));  // NOLINT
    }
    Block* next = nullptr;
    alignas(T) unsigned char storage[kPerBlock * sizeof(T)];
  };

  Block* take_spare() noexcept {
    Block* block = spares_;
    if (block != nullptr) {
      spares_ = block->next;
      --spare_count_;
    }
    return block;
  }

  // Keeps an emptied block for the next push, or frees it.
  void recycle(Block* block) noexcept {
    if (spare_count_ < max_spares_) {
      block->next = spares_;
      spares_ = block;
      ++spare_count_;
    } else {
      delete block;
    }
  }

  static void free_chain(Block* block) noexcept {
    while (block != nullptr) delete std::exchange(block, block->next);
  }

  const std::size_t max_spares_;
  Block* head_ = nullptr;  // oldest element's block; null until the first push
  Block* tail_ = nullptr;  // where the next push goes
  std::size_t head_index_ = 0;
  std::size_t tail_index_ = 0;
  std::size_t size_ = 0;
  Block* spares_ = nullptr;
  std::size_t spare_count_ = 0;
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_BLOCK_QUEUE_H_
