// Arena: chunks are single allocations with a small header in front; the
// destructor records live in the arena itself, linked newest first.
#include "safelab/mem/arena.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

namespace safelab::mem {
namespace {

constexpr std::size_t kMaxGrowth = std::size_t{1} << 20;  // chunks double up to 1 MiB
constexpr std::size_t kHeader = alignof(std::max_align_t) > 16 ? alignof(std::max_align_t) : 16;

}  // namespace

Arena::Arena(std::size_t first_chunk_bytes)
    : next_chunk_bytes_(std::max<std::size_t>(first_chunk_bytes, 64)) {}

Arena::~Arena() {
  reset();
  std::free(chunk_);
}

void* Arena::allocate(std::size_t bytes, std::size_t align) {
  if (align == 0 || (align & (align - 1)) != 0 || align > alignof(std::max_align_t)) {
    throw std::invalid_argument(
        "mem::Arena::allocate: alignment " + std::to_string(align) +
        " is not a power of two <= " + std::to_string(alignof(std::max_align_t)));
  }
  if (cursor_ != nullptr) {
    const auto address = reinterpret_cast<std::uintptr_t>(cursor_);
    const std::size_t padding = (align - address % align) % align;
    if (padding <= static_cast<std::size_t>(end_ - cursor_) &&
        bytes <= static_cast<std::size_t>(end_ - cursor_) - padding) {
      std::byte* p = cursor_ + padding;
      cursor_ = p + bytes;
      used_ += padding + bytes;
      return p;
    }
  }
  return allocate_slow(bytes, align);
}

void* Arena::allocate_slow(std::size_t bytes, std::size_t /*align*/) {
  // Chunk data starts kHeader bytes in, which is max_align_t-aligned: the
  // first object of a chunk needs no padding, whatever its (checked) alignment.
  if (bytes > std::numeric_limits<std::size_t>::max() / 2 - kHeader) throw std::bad_alloc();
  const std::size_t size = std::max(next_chunk_bytes_, bytes);
  void* raw = std::malloc(kHeader + size);
  if (raw == nullptr) throw std::bad_alloc();
  auto* chunk = ::new (raw) Chunk{chunk_, size};
  chunk_ = chunk;
  reserved_ += size;
  next_chunk_bytes_ = std::min(next_chunk_bytes_ * 2, std::max(kMaxGrowth, next_chunk_bytes_));
  cursor_ = static_cast<std::byte*>(raw) + kHeader;
  end_ = cursor_ + size;
  std::byte* p = cursor_;
  cursor_ += bytes;
  used_ += bytes;
  return p;
}

void Arena::destroy_objects() {
  while (dtors_ != nullptr) {
    DtorRecord* record = dtors_;
    dtors_ = record->prev;
    record->destroy(record->object);
  }
}

void Arena::reset() {
  destroy_objects();
  // Keep the largest chunk, free the others.
  Chunk* keep = nullptr;
  for (Chunk* c = chunk_; c != nullptr;) {
    Chunk* prev = c->prev;
    if (keep == nullptr || c->size > keep->size) {
      if (keep != nullptr) std::free(keep);
      keep = c;
    } else {
      std::free(c);
    }
    c = prev;
  }
  chunk_ = keep;
  used_ = 0;
  reserved_ = 0;
  cursor_ = end_ = nullptr;
  if (keep != nullptr) {
    keep->prev = nullptr;
    reserved_ = keep->size;
    cursor_ = reinterpret_cast<std::byte*>(keep) + kHeader;
    end_ = cursor_ + keep->size;
  }
}

}  // namespace safelab::mem
