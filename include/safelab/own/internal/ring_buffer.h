// include/safelab/own/internal/ring_buffer.h
//
// RingBuffer<T>: a growable circular FIFO, the storage of a Channel's queue.
//
// std::deque would do, but allocates a node every 512 bytes (every element,
// for a 1 KiB message); this keeps one power-of-two array and grows it by
// doubling, so a steady-state channel allocates nothing. swap() is O(1),
// which is what lets a single consumer take the whole queue in one critical
// section. Not thread-safe: the Channel's mutex guards it.
#ifndef SAFELAB_OWN_INTERNAL_RING_BUFFER_H_
#define SAFELAB_OWN_INTERNAL_RING_BUFFER_H_

#include <cstddef>
#include <memory>
#include <new>
#include <utility>

namespace safelab::own::internal {

template <class T>
class RingBuffer {
 public:
  RingBuffer() = default;
  RingBuffer(const RingBuffer&) = delete;
  RingBuffer& operator=(const RingBuffer&) = delete;
  ~RingBuffer() {
    clear();
    std::allocator<T>().deallocate(data_, capacity_);
  }

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  // Appends `value`, doubling the storage when full. Strong guarantee: if
  // growing or the move throws, the buffer is unchanged.
  void push_back(T&& value) {
    if (size_ == capacity_) grow();
    ::new (static_cast<void*>(data_ + index(size_))) T(std::move(value));
    ++size_;
  }

  // Removes and returns the oldest element.
  // REQUIRES: !empty().
  T pop_front() {
    T& slot = data_[head_];
    T value(std::move(slot));  // if this throws, nothing has changed
    slot.~T();  // NOLINT(bugprone-use-after-move): ends the moved-from object's lifetime
    head_ = (head_ + 1) & (capacity_ - 1);
    --size_;
    return value;
  }

  // Moves the oldest element straight into `out` and removes it: one move
  // of T where `out.emplace(pop_front())` makes two (a 1 KiB message is two
  // 1 KiB copies). REQUIRES: !empty().
  template <class Optional>
  void pop_front_into(Optional& out) {
    T& slot = data_[head_];
    out.emplace(std::move(slot));  // if this throws, nothing has changed
    slot.~T();  // NOLINT(bugprone-use-after-move): ends the moved-from object's lifetime
    head_ = (head_ + 1) & (capacity_ - 1);
    --size_;
  }

  // Destroys every element; keeps the storage.
  void clear() noexcept {
    for (; size_ > 0; --size_) {
      data_[head_].~T();
      head_ = (head_ + 1) & (capacity_ - 1);
    }
    head_ = 0;
  }

  void swap(RingBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(capacity_, other.capacity_);
    std::swap(head_, other.head_);
    std::swap(size_, other.size_);
  }

 private:
  std::size_t index(std::size_t i) const noexcept { return (head_ + i) & (capacity_ - 1); }

  void grow() {
    const std::size_t new_capacity = capacity_ == 0 ? 16 : capacity_ * 2;
    T* fresh = std::allocator<T>().allocate(new_capacity);
    std::size_t built = 0;
    try {
      for (; built < size_; ++built) {
        ::new (static_cast<void*>(fresh + built)) T(std::move_if_noexcept(data_[index(built)]));
      }
    } catch (...) {
      for (std::size_t i = 0; i < built; ++i) fresh[i].~T();
      std::allocator<T>().deallocate(fresh, new_capacity);
      throw;
    }
    const std::size_t size = size_;
    clear();
    std::allocator<T>().deallocate(data_, capacity_);
    data_ = fresh;
    capacity_ = new_capacity;
    head_ = 0;
    size_ = size;
  }

  T* data_ = nullptr;
  std::size_t capacity_ = 0;  // zero or a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_RING_BUFFER_H_
