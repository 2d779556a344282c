// bench/memory_alloc_counter.h
//
// Peak live heap bytes of one call, measured by replacing the global
// operator new/delete of the bench_memory binary (memory_alloc_counter.cpp).
//
// Why not peak RSS (getrusage's ru_maxrss)? It is a high-water mark of the
// whole process: it never goes down, so after the first large benchmark
// every later one would report the same figure. Counting the bytes the
// program asks the allocator for (usable size of each block, which includes
// malloc's rounding but not its per-block header or fragmentation) gives a
// per-call peak that can be compared between variants; RSS would be a
// little higher for all of them.
//
// Counting is off except inside measure_peak(), which the benchmarks call
// once outside their timed loop, so the timed code pays one predictable
// branch per allocation.
#ifndef SAFELAB_BENCH_MEMORY_ALLOC_COUNTER_H_
#define SAFELAB_BENCH_MEMORY_ALLOC_COUNTER_H_

#include <cstddef>
#include <functional>

namespace safelab::bench {

// Runs fn() with counting on and returns the peak of live heap bytes during
// the call, relative to the live bytes when it started. Single-threaded use.
std::size_t measure_peak(const std::function<void()>& fn);

}  // namespace safelab::bench

#endif  // SAFELAB_BENCH_MEMORY_ALLOC_COUNTER_H_
