// Mutex<T> against a raw lock beside its value: the cost of the guard (and
// of poisoning) on the uncontended (1 thread) and contended (2 threads)
// paths. Two raw rows: raw_futex is the lock of the same kind as Mutex<T>'s
// (own::AnnotatedTimedMutex, a futex word), the target's baseline (guard
// within its noise); raw_std_mutex is pthread's, for comparison. The mutex_working rows add a
// little work between acquisitions (see work_outside_lock()).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <mutex>
#include <thread>

#include "busy_work.h"
#include "safelab/own/mutex.h"

namespace {

constexpr int kOpsPerIteration = 1000;

// glibc's lock fast path skips the `lock` prefix of its cmpxchg while the
// process has never had a second thread, and the flag never goes back once
// set. Google Benchmark starts its first worker thread for the first
// threads:2 row, so without this every row registered before that one
// (here: raw std::mutex at 1 thread) measured a non-atomic lock against
// atomic ones for everything after it: 7 ns vs 24 ns per lock/unlock on the
// development machine, which is the whole "2x" of with() and nonpoison in
// the figures published before. A mutex worth measuring lives in a
// multi-threaded process, so every row here runs in one. (One thread per
// binary suffices: the rwlock rows in the same binary profit too.)
[[maybe_unused]] const bool kProcessIsMultiThreaded = [] {
  std::thread([] {}).join();
  return true;
}();

// The baseline: the lock and the data side by side, by convention only.
template <class M>
struct RawCounter {
  M mu;
  std::int64_t value = 0;
};

// Each row runs with kSteps = 0 (two threads take the lock back to back)
// and kSteps = 16 (the mutex_working rows: ~25 ns of the thread's own work
// between acquisitions, as real code has). With no work, the 2-thread
// figure measures how often the pair falls into a futex sleep/wake convoy:
// identical code (raw std::mutex, the nonpoison guard) moved by a third
// between runs, far more than the few instructions a guard adds.
template <int kSteps>
std::int64_t next_increment(std::uint64_t& x) {
  if constexpr (kSteps == 0) {
    return 1;
  } else {
    x = safelab::bench::dependent_steps(x, kSteps);
    return static_cast<std::int64_t>(x & 1);
  }
}

template <class M, int kSteps>
void BM_RawMutex(benchmark::State& state) {
  static RawCounter<M> counter;
  std::uint64_t x = static_cast<std::uint64_t>(state.thread_index()) + 1;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) {
      const std::int64_t increment = next_increment<kSteps>(x);
      std::lock_guard hold(counter.mu);
      counter.value += increment;
    }
  }
  benchmark::DoNotOptimize(x);
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

template <class M, int kSteps>
void BM_GuardLock(benchmark::State& state) {
  static M counter;
  std::uint64_t x = static_cast<std::uint64_t>(state.thread_index()) + 1;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) {
      const std::int64_t increment = next_increment<kSteps>(x);
      *counter.lock() += increment;
    }
  }
  benchmark::DoNotOptimize(x);
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

template <class M, int kSteps>
void BM_With(benchmark::State& state) {
  static M counter;
  std::uint64_t x = static_cast<std::uint64_t>(state.thread_index()) + 1;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) {
      const std::int64_t increment = next_increment<kSteps>(x);
      counter.with([increment](std::int64_t& v) { v += increment; });
    }
  }
  benchmark::DoNotOptimize(x);
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

// The rows, at 1 and 2 threads: "mutex/..." with kSteps = 0 and
// "mutex_working/..." with kSteps = 16.
#define SAFELAB_MUTEX_ROWS(prefix, steps)                                      \
  BENCHMARK(BM_RawMutex<std::mutex, steps>)                                    \
      ->Name(prefix "/raw_std_mutex")                                          \
      ->Threads(1)                                                             \
      ->Threads(2)                                                             \
      ->UseRealTime();                                                         \
  BENCHMARK(BM_RawMutex<safelab::own::AnnotatedTimedMutex, steps>)             \
      ->Name(prefix "/raw_futex")                                              \
      ->Threads(1)                                                             \
      ->Threads(2)                                                             \
      ->UseRealTime();                                                         \
  BENCHMARK(BM_GuardLock<safelab::own::Mutex<std::int64_t>, steps>)            \
      ->Name(prefix "/own_Mutex_lock")                                         \
      ->Threads(1)                                                             \
      ->Threads(2)                                                             \
      ->UseRealTime();                                                         \
  BENCHMARK(BM_With<safelab::own::Mutex<std::int64_t>, steps>)                 \
      ->Name(prefix "/own_Mutex_with")                                         \
      ->Threads(1)                                                             \
      ->Threads(2)                                                             \
      ->UseRealTime();                                                         \
  BENCHMARK(BM_GuardLock<safelab::own::nonpoison::Mutex<std::int64_t>, steps>) \
      ->Name(prefix "/own_nonpoison_Mutex_lock")                               \
      ->Threads(1)                                                             \
      ->Threads(2)                                                             \
      ->UseRealTime()

SAFELAB_MUTEX_ROWS("mutex", 0);
SAFELAB_MUTEX_ROWS("mutex_working", 16);

}  // namespace
