// include/safelab/own/internal/block_cache.h
//
// BlockCache<Block>: freed blocks of unbounded channels, kept process-wide
// (one cache per message type) for the next block any channel needs, up to
// kMaxBytes.
//
// Why: an unbounded channel whose producers outrun its consumer holds a
// backlog of megabytes. Freed to glibc, that memory goes back to the kernel
// (heap trimming) and the next backlog faults it in again page by page:
// measured 0.05-0.09 minor faults per 1 KiB message, 0.6x oneTBB's
// throughput on 1 KiB 2->1 unbounded, and at or above oneTBB with trimming
// turned off (GLIBC_TUNABLES=glibc.malloc.trim_threshold=1000000000).
// oneTBB allocates through tbbmalloc, which keeps freed memory the same way.
//
// One mutex, taken once per block (kBlockCap messages), never per message.
#ifndef SAFELAB_OWN_INTERNAL_BLOCK_CACHE_H_
#define SAFELAB_OWN_INTERNAL_BLOCK_CACHE_H_

#include <cstddef>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"

namespace safelab::own::internal {

// Block must have a `Block* spare_next` member the cache may use as a link.
template <class Block>
class BlockCache {
 public:
  // Memory a cache keeps at most: the backlog of a few busy channels,
  // small beside what the process's backlog itself costs.
  static constexpr std::size_t kMaxBytes = std::size_t{16} << 20;
  // None for a message type whose blocks are larger than the whole budget.
  static constexpr std::size_t kMaxBlocks = kMaxBytes / sizeof(Block);

  // A cached block, or nullptr if none is cached.
  static Block* take() noexcept { return instance().pop(); }

  // Keeps `block` for later if there is room; otherwise frees it.
  static void give(Block* block) noexcept {
    if (!instance().push(block)) delete block;
  }

 private:
  // Never destroyed: a channel may free its blocks during static
  // destruction, when an ordinary static cache would already be gone.
  static BlockCache& instance() noexcept {
    union Holder {
      Holder() : cache() {}
      ~Holder() {}
      BlockCache cache;
    };
    static Holder holder;
    return holder.cache;
  }

  Block* pop() noexcept {
    LockGuard hold(mu_);
    Block* block = top_;
    if (block != nullptr) {
      top_ = block->spare_next;
      --count_;
    }
    return block;
  }

  bool push(Block* block) noexcept {
    LockGuard hold(mu_);
    if (count_ == kMaxBlocks) return false;
    block->spare_next = top_;
    top_ = block;
    ++count_;
    return true;
  }

  AnnotatedMutex mu_;
  Block* top_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::size_t count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_BLOCK_CACHE_H_
