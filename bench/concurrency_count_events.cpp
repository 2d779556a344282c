// count_events: the cost of one global lock (python) against per-thread
// ownership (rust), at 1 and 2 threads, same input, one harness.
#include <benchmark/benchmark.h>

#include "concurrency/count_events.h"

namespace {

using safelab::pairs::CountEvents;
using safelab::pairs::CountEventsInput;

template <std::int64_t (*Variant)(const CountEventsInput&)>
void BM_CountEvents(benchmark::State& state) {
  const CountEventsInput input =
      CountEvents::make_input({static_cast<int>(state.range(0)), state.range(1), 1});
  const std::int64_t expected = CountEvents::reference(input);
  for (auto _ : state) {
    const std::int64_t total = Variant(input);
    if (total != expected) state.SkipWithError("wrong count");
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.codes.size()));
}

constexpr std::int64_t kEvents = 4'000'000;

BENCHMARK(BM_CountEvents<safelab::pairs::count_events_python>)
    ->Name("count_events/python")
    ->ArgNames({"threads", "events"})
    ->Args({1, kEvents})
    ->Args({2, kEvents})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CountEvents<safelab::pairs::count_events_rust>)
    ->Name("count_events/rust")
    ->ArgNames({"threads", "events"})
    ->Args({1, kEvents})
    ->Args({2, kEvents})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
