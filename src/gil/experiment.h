// src/gil/experiment.h
//
// The two classic GIL experiments, run on the model exactly as
// bench/fidelity/*.py runs them on the real CPython, so that the figures can
// be put side by side (`safelab gil`, `python3 bench/fidelity/report.py`):
//
//   run_cpu_bound()  N threads each count down from W, against one thread
//                    counting down from W N times (David Beazley's
//                    "count(n)" experiment). Under a GIL the ratio
//                    threaded / sequential stays near 1: no parallelism.
//                    Timed in rounds of sequential, threaded, threaded,
//                    sequential (ABBA), so that a machine whose speed drifts
//                    while the experiment runs slows both sides alike.
//   run_convoy()     one I/O-bound thread doing R tiny blocking round trips
//                    on a socketpair with an echo thread (a Python thread
//                    too), alone and beside N CPU-bound threads that spin
//                    until those R are done. Every blocking call releases the GIL; each
//                    return must win it back from a CPU-bound thread, which
//                    gives it up only after a switch interval: the convoy
//                    effect.
//
// Both run on either runtime: the GIL model (Runtime::gil) or the PEP
// 703-style free-threaded one (Runtime::free_threaded: no global lock).
//
// A harness, not API: it lives in safelab_gil_harness, which the CLI, the
// benchmarks and the tests link, and is never installed.
//
// Example:
//
//   auto r = safelab::gil::run_cpu_bound({.threads = 2, .work = 20'000'000});
//   std::printf("2 threads / sequential = %.3f\n", r.ratio());
#ifndef SAFELAB_SRC_GIL_EXPERIMENT_H_
#define SAFELAB_SRC_GIL_EXPERIMENT_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "safelab/gil/gil.h"

namespace safelab::gil {

enum class Runtime { gil, free_threaded };

std::string_view to_string(Runtime r);
std::optional<Runtime> parse_runtime(std::string_view s);  // "gil", "free-threaded"

// interpret_count()
//
// `while n > 0: n -= 1` as the model's interpreter runs it: per iteration a
// fixed amount of "bytecode" work (calibrated to about what CPython 3.11
// spends on that loop's nine bytecodes on a current x86-64 core) and one
// eval-breaker check, ts.tick(). Returns a value derived from the work so
// that it cannot be optimised away. REQUIRES: ts holds the GIL.
std::uint64_t interpret_count(ThreadState& ts, std::int64_t n);

// The same loop with no GIL to check (the free-threaded interpreter).
std::uint64_t interpret_count_free(std::int64_t n);

struct CpuBoundOptions {
  int threads = 2;                 // REQUIRES: 1..1024
  std::int64_t work = 20'000'000;  // iterations per thread; REQUIRES: > 0
  std::chrono::microseconds switch_interval = Gil::kDefaultSwitchInterval;  // > 0
  Runtime runtime = Runtime::gil;
  // Rounds of sequential, threaded, threaded, sequential; REQUIRES: 1..100.
  //
  // Why ABBA rounds and not one run of each: measured on a 2-core VM, the
  // same count(W) took 0.29 s and then 0.48 s a few seconds apart (the
  // host, not the program), and CPython's sequential baseline, timed first,
  // came out slower than four GIL-bound threads (ratio 0.75). In ABBA order
  // a drift that is linear over a round cancels out of that round's ratio.
  int rounds = 1;
};

struct CpuBoundResult {
  // Medians over the rounds of each round's mean.
  std::chrono::nanoseconds sequential{0};  // one thread, `threads` x `work`
  std::chrono::nanoseconds threaded{0};    // `threads` threads, `work` each
  std::vector<double> round_ratios;        // per round: threaded / sequential
  GilStats stats;                          // of the last threaded run (gil only)

  // The median of round_ratios: ~1 under the GIL, ~1/threads when free (up
  // to the number of cores).
  double ratio() const;
};

// run_cpu_bound()
//
// Throws std::invalid_argument on options out of range.
CpuBoundResult run_cpu_bound(const CpuBoundOptions& options);

// IoSample
//
// The I/O-bound thread's round trips over one run.
struct IoSample {
  std::int64_t ops = 0;
  std::chrono::nanoseconds elapsed{0};
  std::chrono::nanoseconds p50{0};  // round-trip latency percentiles
  std::chrono::nanoseconds p90{0};
  std::chrono::nanoseconds p99{0};
  std::vector<std::chrono::nanoseconds> latencies;  // every round trip, sorted

  double ops_per_second() const;
};

struct ConvoyOptions {
  int cpu_threads = 1;  // REQUIRES: 0..1024
  // Round trips of each run, alone and beside; REQUIRES: 1..10'000'000.
  //
  // Why a count and not a fixed amount of CPU work: a CPU thread that
  // counts down a fixed W lets the I/O thread make as many round trips as
  // fit in that time, which is tens of thousands in one regime and a few
  // dozen in the other (docs/gil.md, "Two regimes"); at 50 ms a run then had
  // too few round trips to say which regime it measured. Here the CPU
  // threads spin until the I/O thread has made this many.
  std::int64_t round_trips = 200;
  std::chrono::microseconds switch_interval = Gil::kDefaultSwitchInterval;  // > 0
  Runtime runtime = Runtime::gil;
};

struct ConvoyResult {
  IoSample alone;   // the I/O thread with no neighbour...
  IoSample beside;  // ...and beside the CPU-bound threads, same round trips
  GilStats stats;   // of the run beside them (gil only)

  // alone ops/s divided by beside ops/s: how much the neighbours cost it.
  double drop_factor() const;
  // The share of beside round trips that took at least half a switch
  // interval: those that waited for a drop request (a round trip takes
  // ~12 us when nobody makes it wait). It decides the run's regime.
  double slow_fraction(std::chrono::microseconds interval) const;
};

// run_convoy()
//
// Runs the I/O thread beside the CPU-bound threads until it has made
// `round_trips` round trips (the CPU threads spin until then), then alone
// for as many. The threads are those of gil_experiments.convoy(), started
// in the same order by the same parents: the calling thread plays Python's
// main thread (a Python thread too, holding the GIL except while it waits
// for a thread to start or end) and makes the alone round trips itself,
// with the same GIL. Where the kernel puts the I/O pair depends on that
// history, and it decides what a round trip costs: the same pair takes
// ~10 us on one core and ~35 us across the two (docs/gil.md, "What one
// round trip costs"). Throws std::invalid_argument on options out of range
// and std::system_error if the socketpair cannot be made.
ConvoyResult run_convoy(const ConvoyOptions& options);

}  // namespace safelab::gil

#endif  // SAFELAB_SRC_GIL_EXPERIMENT_H_
