// Does throwing scale with threads? Every iteration throws and catches one
// exception through three frames (100% failure), from 1 and from 2 threads.
//
//   throw/plain             nothing registered at run time: libgcc 12 finds
//                           each frame's unwind info through glibc 2.36's
//                           lock-free _dl_find_object, so throughput should
//                           double with two threads.
//   throw/registered_frame  after one __register_frame_info() call (what a
//                           JIT does for its generated code), libgcc 12
//                           takes its global object_mutex in
//                           _Unwind_Find_FDE for every frame of every
//                           throw, before falling back to _dl_find_object:
//                           a global lock in the C++ runtime, the GIL lesson
//                           in another place (WG21 P2544R0 measured the
//                           older dl_iterate_phdr lock the same way).
//   result/plain            the same three frames returning a Result: the
//                           baseline that has no shared state at all.
//
// Registration lasts for the rest of the process (libgcc 12 never clears
// its "any objects registered" flag), so the registered-frame cases are
// defined last, in the last source file of bench_errors, and throw/plain
// refuses to run once a frame is registered rather than report a number
// from the wrong regime.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>

#include "safelab/err/result.h"

extern "C" void __register_frame_info(const void* begin, void* object);

namespace {

std::atomic<bool> g_frame_registered{false};

// A minimal .eh_frame: one CIE (version 1, no augmentation, code alignment
// 1, data alignment -8, return address in r16) and the zero terminator. No
// FDEs, so it never matches a pc; registering it only flips libgcc onto its
// locked path. libgcc ignores an empty .eh_frame, hence the CIE.
alignas(8) const unsigned char kEhFrame[] = {
    0x0c, 0x00, 0x00, 0x00,  // length of the CIE after this field: 12
    0x00, 0x00, 0x00, 0x00,  // CIE id
    0x01,                    // version
    0x00,                    // augmentation ""
    0x01,                    // code alignment factor (uleb128 1)
    0x78,                    // data alignment factor (sleb128 -8)
    0x10,                    // return address register 16
    0x00, 0x00, 0x00,        // DW_CFA_nop padding
    0x00, 0x00, 0x00, 0x00,  // terminator
};
// libgcc's `struct object` (six words in GCC 12); generously sized.
alignas(16) unsigned char g_object_storage[256];

void register_frame_once() {
  static const bool done = [] {
    __register_frame_info(kEhFrame, g_object_storage);
    g_frame_registered.store(true);
    return true;
  }();
  (void)done;
}

struct Failure {
  int code;
};

[[gnu::noinline]] int leaf_throw(int x) {
  if (x >= 0) throw Failure{x};
  return x;
}
[[gnu::noinline]] int middle_throw(int x) { return leaf_throw(x) + 1; }
[[gnu::noinline]] int top_throw(int x) { return middle_throw(x) + 1; }

[[gnu::noinline]] safelab::Result<int, int> leaf_result(int x) {
  if (x >= 0) return safelab::Err(x);
  return x;
}
[[gnu::noinline]] safelab::Result<int, int> middle_result(int x) {
  return leaf_result(x).transform([](int v) { return v + 1; });
}
[[gnu::noinline]] safelab::Result<int, int> top_result(int x) {
  return middle_result(x).transform([](int v) { return v + 1; });
}

void throw_loop(benchmark::State& state) {
  std::int64_t caught = 0;
  for (auto _ : state) {
    try {
      benchmark::DoNotOptimize(top_throw(static_cast<int>(caught & 7)));
    } catch (const Failure& f) {
      caught += 1 + (f.code & 0);
    }
  }
  state.SetItemsProcessed(caught);
}

void BM_ThrowPlain(benchmark::State& state) {
  if (g_frame_registered.load()) {
    state.SkipWithError("a frame is already registered: run with --benchmark_filter=throw/plain");
    return;
  }
  throw_loop(state);
}

void BM_ThrowRegisteredFrame(benchmark::State& state) {
  if (state.thread_index() == 0) register_frame_once();
  throw_loop(state);
}

void BM_ResultPlain(benchmark::State& state) {
  std::int64_t errors = 0;
  for (auto _ : state) {
    const auto r = top_result(static_cast<int>(errors & 7));
    errors += !r.has_value();
  }
  state.SetItemsProcessed(errors);
}

BENCHMARK(BM_ResultPlain)->Name("result/plain")->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_ThrowPlain)->Name("throw/plain")->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_ThrowRegisteredFrame)
    ->Name("throw/registered_frame")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace
