// The concurrency topics (parallel_sum, word_index, bank_transfer, pipeline):
// every safe variant under one harness, same input, threads 1..4 (1..2x the
// cores of the reference machine), and parallel_sum at 1 and 2 threads over
// sizes 16K..8M. Speedup = time at 1 thread / time at N, read from one run.
// Input generation is outside the timed region.
#include <benchmark/benchmark.h>

#include "concurrency/bank_transfer.h"
#include "concurrency/parallel_sum.h"
#include "concurrency/pipeline.h"
#include "concurrency/word_index.h"

namespace {

using namespace safelab::pairs;

template <class Topic, auto Variant>
void BM_Topic(benchmark::State& state) {
  const auto input =
      Topic::make_input({static_cast<int>(state.range(0)), state.range(1), /*seed=*/1});
  const std::string expected = Topic::show(Topic::reference(input));
  for (auto _ : state) {
    auto out = Variant(input);
    benchmark::DoNotOptimize(out);
    state.PauseTiming();
    if (Topic::show(out) != expected) state.SkipWithError("wrong answer");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}

void Threads(benchmark::internal::Benchmark* b, std::int64_t size) {
  b->ArgNames({"threads", "size"});
  for (int t = 1; t <= 4; ++t) b->Args({t, size});
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}

// 1 and 2 threads across input sizes: where a second thread stops paying
// for itself (thread start-up dominates small inputs; memory bandwidth,
// which the two cores share, caps large ones).
void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"threads", "size"});
  for (std::int64_t size : {1 << 14, 1 << 17, 1 << 20, 1 << 23}) {
    for (int t = 1; t <= 2; ++t) b->Args({t, size});
  }
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}

#define SAFELAB_TOPIC_BENCH(Topic, variant, fn, size) \
  BENCHMARK(BM_Topic<Topic, fn>)                      \
      ->Name(std::string(Topic::name) + "/" variant)  \
      ->Apply([](benchmark::internal::Benchmark* b) { Threads(b, size); })

SAFELAB_TOPIC_BENCH(ParallelSum, "python", parallel_sum_python, 4'000'000);
SAFELAB_TOPIC_BENCH(ParallelSum, "free-threaded", parallel_sum_free_threaded, 4'000'000);
SAFELAB_TOPIC_BENCH(ParallelSum, "rust", parallel_sum_rust, 4'000'000);
SAFELAB_TOPIC_BENCH(ParallelSum, "tbb", parallel_sum_tbb, 4'000'000);

#define SAFELAB_SIZES_BENCH(Topic, variant, fn) \
  BENCHMARK(BM_Topic<Topic, fn>)->Name(std::string(Topic::name) + "_sizes/" variant)->Apply(Sizes)

SAFELAB_SIZES_BENCH(ParallelSum, "python", parallel_sum_python);
SAFELAB_SIZES_BENCH(ParallelSum, "free-threaded", parallel_sum_free_threaded);
SAFELAB_SIZES_BENCH(ParallelSum, "rust", parallel_sum_rust);
SAFELAB_SIZES_BENCH(ParallelSum, "tbb", parallel_sum_tbb);

SAFELAB_TOPIC_BENCH(WordIndex, "python", word_index_python, 20'000);
SAFELAB_TOPIC_BENCH(WordIndex, "rust", word_index_rust, 20'000);
SAFELAB_TOPIC_BENCH(WordIndex, "sharded", word_index_sharded, 20'000);
SAFELAB_TOPIC_BENCH(WordIndex, "tbb", word_index_tbb, 20'000);

SAFELAB_TOPIC_BENCH(BankTransfer, "python", bank_transfer_python, 1'000'000);
SAFELAB_TOPIC_BENCH(BankTransfer, "free-threaded", bank_transfer_free_threaded, 1'000'000);
SAFELAB_TOPIC_BENCH(BankTransfer, "rust", bank_transfer_rust, 1'000'000);

SAFELAB_TOPIC_BENCH(Pipeline, "python", pipeline_python, 20'000);
SAFELAB_TOPIC_BENCH(Pipeline, "rust", pipeline_rust, 20'000);
SAFELAB_TOPIC_BENCH(Pipeline, "tbb", pipeline_tbb, 20'000);

}  // namespace
