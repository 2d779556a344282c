// The plain rows of a family's benchmark binary, registered from the catalog:
// every safe entry of the family (SAFELAB_BENCH_FAMILY, set by CMake), at 1
// and 2 threads, on the entry's default size, named "topic/variant" with
// the arguments threads and size. A topic registered in the catalog is
// benchmarked by being registered; the hand-written rows beside these (the
// A B B A studies, the failure-rate sweeps) measure what a plain row cannot.
//
// Registration happens in main(), not during static initialisation: the
// catalog is complete only once every pair's registrar has run.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "catalog.h"
#include "catalog_rows.h"

namespace {

namespace catalog = safelab::catalog;
using catalog::Entry;

// The variant alone is timed; the answer is checked outside the timing.
void BM_Entry(benchmark::State& state, const Entry* e) {
  const auto prepared = e->prepare({static_cast<int>(state.range(0)), state.range(1), /*seed=*/1});
  for (auto _ : state) {
    prepared->run();
    state.PauseTiming();
    if (!prepared->correct()) state.SkipWithError("wrong answer");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}

std::vector<void (*)()>& deferred() {
  static std::vector<void (*)()> all;
  return all;
}

// Registers the plain rows of `family`'s safe entries.
void register_catalog_rows(std::string_view family) {
  for (const Entry& e : catalog::entries()) {
    if (e.is_unsafe() || catalog::to_string(e.family) != family) continue;
    benchmark::RegisterBenchmark(e.id().c_str(), BM_Entry, &e)
        ->ArgNames({"threads", "size"})
        ->Args({1, e.defaults.size})
        ->Args({2, e.defaults.size})
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace

safelab::bench::AfterCatalog::AfterCatalog(void (*register_rows)()) {
  deferred().push_back(register_rows);
}

int main(int argc, char** argv) {
  register_catalog_rows(SAFELAB_BENCH_FAMILY);
  for (void (*register_rows)() : deferred()) register_rows();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
