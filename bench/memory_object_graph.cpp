// object_graph: build, walk and drop a tree of 10^4..10^6 nodes with parent
// back links, every safe variant under one harness. Reports time per run,
// the peak live heap bytes of one run (see memory_alloc_counter.h), and for
// the python variant the collector's pauses (p99 and max over the
// collections of one run). A second family of benchmarks measures what one
// full collect() costs as the number of live tracked objects grows.
#include <benchmark/benchmark.h>

#include "memory/object_graph.h"
#include "memory_alloc_counter.h"
#include "safelab/mem/gc.h"

namespace {

using safelab::pairs::ObjectGraph;
using safelab::pairs::ObjectGraphInput;
using safelab::pairs::ObjectGraphOutput;

ObjectGraphInput input_of(benchmark::State& state) {
  return ObjectGraph::make_input({.threads = 1, .size = state.range(0), .seed = 1});
}

void report_peak(benchmark::State& state, const std::function<void()>& run_once) {
  state.counters["peak_heap_MB"] =
      static_cast<double>(safelab::bench::measure_peak(run_once)) / (1024.0 * 1024.0);
}

template <ObjectGraphOutput (*Variant)(const ObjectGraphInput&)>
void BM_ObjectGraph(benchmark::State& state) {
  const ObjectGraphInput input = input_of(state);
  const std::string expected = ObjectGraph::show(ObjectGraph::reference(input));
  report_peak(state, [&] { benchmark::DoNotOptimize(Variant(input)); });
  for (auto _ : state) {
    const ObjectGraphOutput out = Variant(input);
    if (ObjectGraph::show(out) != expected) state.SkipWithError("wrong result");
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The python variant again, on a heap whose statistics are read back: the
// pauses of every automatic collection plus the final collect().
void BM_ObjectGraphPythonPauses(benchmark::State& state) {
  const ObjectGraphInput input = input_of(state);
  report_peak(state, [&] {
    safelab::mem::gc::Heap heap;
    benchmark::DoNotOptimize(safelab::pairs::object_graph_python_on(heap, input));
  });
  safelab::mem::gc::PauseSummary pauses;
  double collections = 0;
  for (auto _ : state) {
    safelab::mem::gc::Heap heap;
    benchmark::DoNotOptimize(safelab::pairs::object_graph_python_on(heap, input));
    state.PauseTiming();
    const safelab::mem::gc::Stats stats = heap.stats();
    pauses = stats.pauses;
    collections = static_cast<double>(stats.pauses.count);
    state.ResumeTiming();
  }
  state.counters["collections"] = collections;
  state.counters["pause_p50_us"] = static_cast<double>(pauses.p50.count()) / 1e3;
  state.counters["pause_p99_us"] = static_cast<double>(pauses.p99.count()) / 1e3;
  state.counters["pause_max_us"] = static_cast<double>(pauses.max.count()) / 1e3;
  state.counters["pause_total_ms"] = static_cast<double>(pauses.total.count()) / 1e6;
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The cost of one full collection over N live objects (a linked list held
// from outside: nothing is garbage, everything is scanned).
struct Live : safelab::mem::gc::Object {
  void traverse(safelab::mem::gc::Visitor& visit) override { visit(next); }
  safelab::mem::gc::Ref<Live> next;
};

void BM_CollectLive(benchmark::State& state) {
  safelab::mem::gc::Heap heap;
  heap.disable();
  safelab::mem::gc::Ref<Live> head = heap.make<Live>();
  safelab::mem::gc::Ref<Live> tail = head;
  for (std::int64_t i = 1; i < state.range(0); ++i) {
    tail->next = heap.make<Live>();
    tail = tail->next;
  }
  for (auto _ : state) benchmark::DoNotOptimize(heap.collect(2));
  state.counters["time_per_object"] = benchmark::Counter(
      static_cast<double>(state.range(0)),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

#define OBJECT_GRAPH_SIZES ->ArgName("nodes")->RangeMultiplier(10)->Range(10'000, 1'000'000)
BENCHMARK(BM_ObjectGraph<safelab::pairs::object_graph_python>)
    ->Name("object_graph/python") OBJECT_GRAPH_SIZES->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ObjectGraph<safelab::pairs::object_graph_rust>)
    ->Name("object_graph/rust") OBJECT_GRAPH_SIZES->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ObjectGraph<safelab::pairs::object_graph_rust_box>)
    ->Name("object_graph/rust-box") OBJECT_GRAPH_SIZES->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ObjectGraph<safelab::pairs::object_graph_rust_rc>)
    ->Name("object_graph/rust-rc") OBJECT_GRAPH_SIZES->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ObjectGraphPythonPauses)
    ->Name("object_graph/python_gc_pauses") OBJECT_GRAPH_SIZES->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CollectLive)
    ->Name("gc_collect_live")
    ->ArgName("objects")
    ->RangeMultiplier(10)
    ->Range(1'000, 1'000'000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
