// src/pairs/concurrency/tbb_threads.h
//
// TbbThreads: a oneTBB arena of exactly T threads, T possibly above the
// core count, for the `tbb` variants of the concurrency topics.
//
// The arena asks for T slots; oneTBB caps the whole process at its default
// concurrency (the core count) unless a tbb::global_control raises
// max_allowed_parallelism. That control is taken only when T needs it:
// creating and destroying one on every call, even with the default value,
// cost parallel_sum/tbb a tenth of its 2-thread speedup (1.75x -> 1.97x
// without it, ABBA-timed, bench_concurrency speedup_2v1 rows). Our reading,
// not traced inside oneTBB: each change of the limit makes it re-plan its
// worker pool, and the worker the next call needs arrives late.
#ifndef SAFELAB_PAIRS_CONCURRENCY_TBB_THREADS_H_
#define SAFELAB_PAIRS_CONCURRENCY_TBB_THREADS_H_

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <cstddef>
#include <optional>
#include <utility>

namespace safelab::pairs {

class TbbThreads {
 public:
  // REQUIRES: threads >= 1.
  explicit TbbThreads(int threads) : allow_(raise_limit(threads)), arena_(threads) {}
  TbbThreads(const TbbThreads&) = delete;
  TbbThreads& operator=(const TbbThreads&) = delete;

  // Runs fn() inside the arena and returns its result.
  template <class F>
  decltype(auto) execute(F&& fn) {
    return arena_.execute(std::forward<F>(fn));
  }

 private:
  static std::optional<tbb::global_control> raise_limit(int threads) {
    std::optional<tbb::global_control> allow;
    if (threads > tbb::info::default_concurrency()) {
      allow.emplace(tbb::global_control::max_allowed_parallelism,
                    static_cast<std::size_t>(threads));
    }
    return allow;
  }

  std::optional<tbb::global_control> allow_;  // before arena_: outlives it
  tbb::task_arena arena_;
};

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_TBB_THREADS_H_
