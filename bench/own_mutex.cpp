// Mutex<T> against a raw std::mutex beside its value: the cost of the guard
// (and of poisoning) on the uncontended (1 thread) and contended (2 threads)
// paths. Target: within 3% of the raw mutex.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <mutex>

#include "safelab/own/mutex.h"

namespace {

constexpr int kOpsPerIteration = 1000;

// The baseline: the lock and the data side by side, by convention only.
struct RawCounter {
  std::mutex mu;
  std::int64_t value = 0;
};

void BM_RawMutex(benchmark::State& state) {
  static RawCounter counter;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) {
      std::lock_guard hold(counter.mu);
      ++counter.value;
    }
  }
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

template <class M>
void BM_GuardLock(benchmark::State& state) {
  static M counter;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) ++*counter.lock();
  }
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

template <class M>
void BM_With(benchmark::State& state) {
  static M counter;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) counter.with([](std::int64_t& v) { ++v; });
  }
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

BENCHMARK(BM_RawMutex)->Name("mutex/raw_std_mutex")->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_GuardLock<safelab::own::Mutex<std::int64_t>>)
    ->Name("mutex/own_Mutex_lock")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_With<safelab::own::Mutex<std::int64_t>>)
    ->Name("mutex/own_Mutex_with")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_GuardLock<safelab::own::nonpoison::Mutex<std::int64_t>>)
    ->Name("mutex/own_nonpoison_Mutex_lock")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace
