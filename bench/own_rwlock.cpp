// RwLock<T> against std::shared_mutex beside its value on a read-mostly
// workload: 1 write in 64 operations, at 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <mutex>
#include <shared_mutex>

#include "safelab/own/rwlock.h"

namespace {

constexpr int kOpsPerIteration = 1024;
constexpr int kWriteEvery = 64;

struct Config {
  std::int64_t a = 1, b = 2, c = 3, d = 4;
};

void BM_RawSharedMutex(benchmark::State& state) {
  static std::shared_mutex mu;
  static Config config;
  std::int64_t seen = 0;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) {
      if (i % kWriteEvery == 0) {
        std::unique_lock hold(mu);
        ++config.a;
        --config.d;
      } else {
        std::shared_lock hold(mu);
        seen += config.a + config.b + config.c + config.d;
      }
    }
  }
  benchmark::DoNotOptimize(seen);
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

template <class L>
void BM_RwLock(benchmark::State& state) {
  static L config;
  std::int64_t seen = 0;
  for (auto _ : state) {
    for (int i = 0; i < kOpsPerIteration; ++i) {
      if (i % kWriteEvery == 0) {
        auto w = config.write();
        ++w->a;
        --w->d;
      } else {
        auto r = config.read();
        seen += r->a + r->b + r->c + r->d;
      }
    }
  }
  benchmark::DoNotOptimize(seen);
  state.SetItemsProcessed(state.iterations() * kOpsPerIteration);
}

BENCHMARK(BM_RawSharedMutex)
    ->Name("rwlock/raw_std_shared_mutex")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_RwLock<safelab::own::RwLock<Config>>)
    ->Name("rwlock/own_RwLock")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_RwLock<safelab::own::nonpoison::RwLock<Config>>)
    ->Name("rwlock/own_nonpoison_RwLock")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace
