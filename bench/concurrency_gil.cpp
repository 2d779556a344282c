// The GIL model's own costs:
//
//   gil/handoff           the cost of one switch between two CPU-bound
//                         threads, measured directly by the model: from the
//                         holder's release (drop_gil) to the waiter holding
//                         the GIL (GilStats::handoff_time / handoffs). Both
//                         stamps are taken in order under the GIL's mutex, so
//                         the figure is never negative; it used to be the
//                         difference of two noisy wall times, which could be.
//   gil/drop_latency      how long a thread that asks for the GIL waits while
//                         another thread computes: about one switch interval
//                         (CPython 3.11: 1.03-1.24x); counter `x_interval`.
//   gil/cpu_bound         the CPU-bound experiment over threads 1..4:
//                         counter `ratio` = threaded / sequential (~1).
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "gil/experiment.h"
#include "safelab/gil/gil.h"

namespace {

using namespace safelab::gil;
using std::chrono::microseconds;

void BM_HandOff(benchmark::State& state) {
  const microseconds interval(state.range(0));
  std::uint64_t handoffs = 0;
  std::chrono::nanoseconds handoff_time{0};
  std::uint64_t switches = 0;
  for (auto _ : state) {
    const CpuBoundResult r =
        run_cpu_bound({.threads = 2, .work = 5'000'000, .switch_interval = interval});
    state.SetIterationTime(static_cast<double>(r.threaded.count()) / 1e9);
    handoffs += r.stats.handoffs;
    handoff_time += r.stats.handoff_time;
    switches += r.stats.switches;
  }
  const double iterations = static_cast<double>(state.iterations());
  state.counters["switches"] = static_cast<double>(switches) / iterations;
  state.counters["us_per_switch"] = handoffs == 0 ? 0.0
                                                  : static_cast<double>(handoff_time.count()) /
                                                        1e3 / static_cast<double>(handoffs);
}
BENCHMARK(BM_HandOff)
    ->Name("gil/handoff")
    ->ArgName("interval_us")
    ->Arg(50)
    ->Arg(200)
    ->Arg(1000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_DropLatency(benchmark::State& state) {
  const microseconds interval(state.range(0));
  Gil gil(interval);
  std::atomic<bool> stop{false};
  std::jthread cpu([&] {
    ThreadState ts(gil, "cpu");
    while (!stop.load(std::memory_order_relaxed)) interpret_count(ts, 1000);
  });
  while (gil.stats().switches == 0) std::this_thread::yield();  // cpu holds it
  double total_wait_s = 0;
  const auto cpu_acquisitions = [&] { return gil.stats().threads.at(0).acquisitions; };
  for (auto _ : state) {
    const std::uint64_t before = cpu_acquisitions();
    const auto start = std::chrono::steady_clock::now();
    {
      ThreadState ts(gil, "asker");  // waits: interval, drop request, tick
      const auto got = std::chrono::steady_clock::now();
      const double wait = std::chrono::duration<double>(got - start).count();
      state.SetIterationTime(wait);
      total_wait_s += wait;
    }
    // Let the CPU thread win the GIL back before asking again: it takes it
    // exactly once after handing it to us.
    while (cpu_acquisitions() == before) std::this_thread::yield();
  }
  stop = true;
  const double mean_wait_s = total_wait_s / static_cast<double>(state.iterations());
  state.counters["x_interval"] = mean_wait_s / (static_cast<double>(interval.count()) / 1e6);
}
BENCHMARK(BM_DropLatency)
    ->Name("gil/drop_latency")
    ->ArgName("interval_us")
    ->Arg(500)
    ->Arg(1000)
    ->Arg(5000)
    ->Arg(20000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_CpuBound(benchmark::State& state) {
  for (auto _ : state) {
    const CpuBoundResult r =
        run_cpu_bound({.threads = static_cast<int>(state.range(0)), .work = 5'000'000});
    state.SetIterationTime(static_cast<double>(r.threaded.count()) / 1e9);
    state.counters["ratio"] = r.ratio();
  }
}
BENCHMARK(BM_CpuBound)
    ->Name("gil/cpu_bound")
    ->ArgName("threads")
    ->DenseRange(1, 4)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
