// Does throwing scale with threads? Every iteration throws one exception
// through `depth` frames and catches it (100% failure), from 1 and from 2
// threads; items_per_second is the total over all threads.
//
//   result/plain              the same frames returning a Result: no shared
//                             state at all, the baseline that must scale.
//   throw/plain               nothing registered at run time. libgcc 12
//                             finds each frame's unwind info through glibc
//                             2.36's lock-free _dl_find_object: scales.
//   throw/registered:N        after N calls to __register_frame_info (what a
//                             JIT does, one per compiled module), libgcc 12's
//                             _Unwind_Find_FDE takes its global object_mutex
//                             for every frame of both unwinding phases and,
//                             holding it, walks the list of registered
//                             objects before falling back to
//                             _dl_find_object. With N = 1 the critical
//                             section is a few instructions and throwing
//                             still scales; with N = 1024 it is a 1024-node
//                             list walk per frame, the lock is held most of
//                             the time, and two threads throw no faster than
//                             one: a global lock in the C++ runtime, the GIL
//                             lesson in another place (docs/err.md).
//
// Registration lasts for the rest of the process (libgcc 12 never clears its
// "any objects registered" flag), so these cases are defined last, in the
// last source file of bench_errors, in increasing N; throw/plain refuses to
// run once a frame is registered rather than report a number from the wrong
// regime, and throw/registered:N refuses to run if more than N are.
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "safelab/err/result.h"

extern "C" void __register_frame_info(const void* begin, void* object);

namespace {

// A minimal .eh_frame: one CIE (version 1, no augmentation, code alignment
// 1, data alignment -8, return address in r16) and the zero terminator. No
// FDEs: it never matches a pc, and libgcc leaves its pc_begin at the maximum
// address, so every lookup steps over it in the list walk, as it steps over
// a JIT's code mapped above the program's. (libgcc ignores an .eh_frame
// whose first word is 0, hence the CIE.) One copy serves every object.
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

constexpr std::size_t kMaxObjects = 1024;

// libgcc's `struct object` is six words in GCC 12; 64 bytes each is
// generous. Static storage: registered objects must outlive every unwind.
struct alignas(16) ObjectSlot {
  unsigned char bytes[64];
};
std::array<ObjectSlot, kMaxObjects> g_objects;

std::mutex g_register_mu;
std::atomic<std::size_t> g_registered{0};

// Registers objects until `n` are. Returns false if more than `n` already are.
bool ensure_registered(std::size_t n) {
  std::lock_guard<std::mutex> lock(g_register_mu);
  std::size_t have = g_registered.load();
  if (have > n) return false;
  for (; have < n; ++have) __register_frame_info(kEhFrame, g_objects[have].bytes);
  g_registered.store(have);
  return true;
}

struct Failure {
  int code;
};

// `depth` frames between the try and the throw, each one really on the
// stack: without the DoNotOptimize after the call, GCC turns `return f(n - 1)
// + 1` into a loop with an accumulator and the "deep" stack is one frame.
[[gnu::noinline]] int throw_at_depth(int depth, int x) {
  if (depth == 0) throw Failure{x};
  int r = throw_at_depth(depth - 1, x);
  benchmark::DoNotOptimize(r);
  return r + 1;
}

[[gnu::noinline]] safelab::err::Result<int, int> result_at_depth(int depth, int x) {
  if (depth == 0) return safelab::err::Err(x);
  auto r = result_at_depth(depth - 1, x);
  benchmark::DoNotOptimize(r);
  return r.transform([](int v) { return v + 1; });
}

void throw_loop(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::int64_t caught = 0;
  for (auto _ : state) {
    try {
      benchmark::DoNotOptimize(throw_at_depth(depth, static_cast<int>(caught & 7)));
    } catch (const Failure& f) {
      caught += 1 + (f.code & 0);
    }
  }
  state.SetItemsProcessed(caught);
}

void BM_ResultPlain(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::int64_t errors = 0;
  for (auto _ : state) {
    const auto r = result_at_depth(depth, static_cast<int>(errors & 7));
    errors += !r.has_value();
  }
  state.SetItemsProcessed(errors);
}

void BM_ThrowPlain(benchmark::State& state) {
  if (g_registered.load() != 0) {
    state.SkipWithError("a frame is already registered: run with --benchmark_filter=throw/plain");
    return;
  }
  throw_loop(state);
}

void BM_ThrowRegistered(benchmark::State& state) {
  // Every thread checks (the first one also registers), so that none of
  // them throws before the registration it is meant to measure.
  if (!ensure_registered(static_cast<std::size_t>(state.range(1)))) {
    state.SkipWithError("more frames already registered: run this case alone");
    return;
  }
  throw_loop(state);
}

constexpr int kDepth = 8;

BENCHMARK(BM_ResultPlain)
    ->Name("result/plain")
    ->ArgNames({"depth"})
    ->Arg(kDepth)
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_ThrowPlain)
    ->Name("throw/plain")
    ->ArgNames({"depth"})
    ->Arg(kDepth)
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(BM_ThrowRegistered)
    ->Name("throw/registered")
    ->ArgNames({"depth", "objects"})
    ->Args({kDepth, 1})
    ->Args({kDepth, static_cast<std::int64_t>(kMaxObjects)})
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace
