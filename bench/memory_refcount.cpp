// The cost of one reference-count increment + decrement (copy a handle,
// drop it), non-atomic (gc::Ref, as CPython with the GIL, or the owning
// thread's fast path of PEP 703's biased reference counting) against atomic
// (std::shared_ptr, as Rust's Arc), at 1 and 2 threads. With 2 threads the
// atomic count is measured twice: each thread on its own object
// (uncontended: the price of the `lock` prefix alone) and both on one
// shared object (contended: the cache line ping-pongs between cores), which
// is the case biased reference counting exists to avoid.
#include <benchmark/benchmark.h>

#include <memory>

#include "safelab/mem/gc.h"

namespace {

struct Payload : safelab::mem::gc::Object {
  int value = 0;
};

void BM_RefcountNonAtomicOwn(benchmark::State& state) {
  safelab::mem::gc::Heap heap;  // one heap and object per thread: never shared
  const safelab::mem::gc::Ref<Payload> object = heap.make<Payload>();
  for (auto _ : state) {
    safelab::mem::gc::Ref<Payload> copy = object;  // ++count
    benchmark::DoNotOptimize(copy);
  }  // --count
  state.SetItemsProcessed(state.iterations());
}

void BM_RefcountAtomicOwn(benchmark::State& state) {
  const auto object = std::make_shared<int>(0);  // per thread
  for (auto _ : state) {
    std::shared_ptr<int> copy = object;
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RefcountAtomicShared(benchmark::State& state) {
  static const auto shared = std::make_shared<int>(0);  // one object, every thread
  for (auto _ : state) {
    std::shared_ptr<int> copy = shared;
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RefcountNonAtomicOwn)
    ->Name("refcount/non_atomic_own")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_RefcountAtomicOwn)->Name("refcount/atomic_own")->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_RefcountAtomicShared)
    ->Name("refcount/atomic_shared")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace
