// The concurrency family's speedup studies. (Its plain rows, every safe
// variant at 1 and 2 threads, are registered from the catalog by
// catalog_rows.cpp.)
//
// The speedup_2v1 rows measure the 2-thread speedup of every safe
// concurrency entry on its default size directly, in A B B A order inside
// each iteration (1 thread, 2, 2, 1), and report the median of the
// iterations' ratios as the counter `speedup`. On the 2-core VM the
// machine's speed drifts by up to 2x over seconds, so two rows timed
// seconds apart can disagree by 15% even with interleaved repetitions;
// within one iteration (tens of milliseconds) the drift cancels. The
// speedup_sizes rows do the same for parallel_sum over input sizes.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "busy_work.h"
#include "catalog.h"
#include "catalog_rows.h"
#include "concurrency/parallel_sum.h"
#include "measure.h"

namespace {

using safelab::catalog::Entry;
using safelab::catalog::Prepared;

// Times `one` and `two` (the same variant prepared for 1 and 2 threads) in
// A B B A order; the answers are checked outside the timing.
void BM_Speedup(benchmark::State& state, Prepared& one, Prepared& two) {
  auto timed = [&](Prepared& p) {
    const auto start = std::chrono::steady_clock::now();
    p.run();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (!p.correct()) state.SkipWithError("wrong answer");
    return elapsed.count();
  };
  std::vector<double> ratios;
  for (auto _ : state) {
    const double a = timed(one);
    const double b = timed(two);
    const double c = timed(two);
    const double d = timed(one);
    ratios.push_back((a + d) / (b + c));
    state.SetIterationTime(a + b + c + d);
  }
  state.counters["speedup"] = safelab::bench::median(std::move(ratios));
}

void BM_EntrySpeedup(benchmark::State& state, const Entry* e) {
  const auto one = e->prepare({1, state.range(0), /*seed=*/1});
  const auto two = e->prepare({2, state.range(0), /*seed=*/1});
  BM_Speedup(state, *one, *two);
}

// The control for the speedup_2v1 rows: what the machine itself gives a
// second thread at the moment, measured the same way. Work split over
// plain threads that share nothing: a dependent chain of multiply-adds, no
// memory traffic. On a VM whose host lends the second vCPU a core only part
// of the time, the topics' speedups are read against this one.
struct Independent {
  static constexpr std::string_view name = "machine";
  struct Input {
    int threads;
    std::int64_t size;
  };
  using Output = std::uint64_t;
  static Input make_input(const safelab::catalog::Params& p) { return {p.threads, p.size}; }
  static std::uint64_t run(const Input& in) {
    std::vector<std::uint64_t> out(static_cast<std::size_t>(in.threads));
    {
      std::vector<std::jthread> threads;
      for (int t = 0; t < in.threads; ++t) {
        threads.emplace_back([&out, &in, t] {
          out[static_cast<std::size_t>(t)] =
              safelab::bench::dependent_steps(1, in.size / in.threads);
        });
      }
    }
    return out[0] != 0 ? 1 : 0;  // a checked, thread-count-independent answer
  }
  static std::uint64_t reference(const Input&) { return 1; }
  static std::string show(std::uint64_t v) { return std::to_string(v); }
};

void BM_MachineSpeedup(benchmark::State& state) {
  using safelab::catalog::internal::prepare_variant;
  const auto one = prepare_variant<Independent, &Independent::run>({1, state.range(0), 1});
  const auto two = prepare_variant<Independent, &Independent::run>({2, state.range(0), 1});
  BM_Speedup(state, *one, *two);
}

void SpeedupRows(benchmark::internal::Benchmark* b) {
  b->ArgName("size")->UseManualTime()->Iterations(15)->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_MachineSpeedup)
    ->Name("speedup_2v1/machine/independent_work")
    ->Arg(8'000'000)
    ->Apply(SpeedupRows);

const safelab::bench::AfterCatalog kSpeedupRows([] {
  for (const Entry& e : safelab::catalog::entries()) {
    if (e.is_unsafe() || e.family != safelab::catalog::Family::concurrency) continue;
    // speedup_2v1: every safe concurrency entry, on its default size.
    benchmark::RegisterBenchmark(("speedup_2v1/" + e.id()).c_str(), BM_EntrySpeedup, &e)
        ->Arg(e.defaults.size)
        ->Apply(SpeedupRows);
    // parallel_sum over sizes 16K..8M: where a second thread stops paying
    // for itself (thread start-up dominates small inputs).
    if (e.topic == safelab::pairs::ParallelSum::name) {
      benchmark::RegisterBenchmark(("speedup_sizes/" + e.id()).c_str(), BM_EntrySpeedup, &e)
          ->RangeMultiplier(8)
          ->Range(1 << 14, 1 << 23)
          ->Apply(SpeedupRows);
    }
  }
});

}  // namespace
