// src/pairs/race_barrier.h
//
// RaceBarrier lines up the threads of a deliberately racy example so that the
// race happens on every run, not "sometimes".
//
// A std::barrier would not do: it synchronises, so ThreadSanitizer would see
// a happens-before edge through it and stay silent. Under TSan this uses the
// runtime's own test barrier (__tsan_testonly_barrier_*, the one compiler-rt's
// tests use), which orders the threads without telling TSan about it. Without
// TSan it is a plain std::barrier: there the ordering is all that matters.
#ifndef SAFELAB_PAIRS_RACE_BARRIER_H_
#define SAFELAB_PAIRS_RACE_BARRIER_H_

#include <barrier>
#include <cstddef>
#include <cstdint>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SAFELAB_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define SAFELAB_TSAN 1
#endif

#if defined(SAFELAB_TSAN)
extern "C" void __tsan_testonly_barrier_init(std::uint64_t* barrier, std::uint32_t count);
extern "C" void __tsan_testonly_barrier_wait(std::uint64_t* barrier);
#endif

namespace safelab::pairs {

class RaceBarrier {
 public:
  explicit RaceBarrier(std::uint32_t threads)
#if defined(SAFELAB_TSAN)
  {
    __tsan_testonly_barrier_init(&state_, threads);
  }
#else
      : barrier_(static_cast<std::ptrdiff_t>(threads)) {
  }
#endif

  RaceBarrier(const RaceBarrier&) = delete;
  RaceBarrier& operator=(const RaceBarrier&) = delete;

  // Blocks until `threads` callers have arrived.
  void wait() {
#if defined(SAFELAB_TSAN)
    __tsan_testonly_barrier_wait(&state_);
#else
    barrier_.arrive_and_wait();
#endif
  }

 private:
#if defined(SAFELAB_TSAN)
  std::uint64_t state_ = 0;
#else
  std::barrier<> barrier_;
#endif
};

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_RACE_BARRIER_H_
