// src/pairs/concurrency/parallel_sum.h
//
// Topic `parallel_sum`: T threads sum work(v) over a vector of `size`
// integers, each its own chunk. CPU-bound work with nothing to share but the
// answer: the clearest case of what the GIL costs and what removing it buys.
#ifndef SAFELAB_PAIRS_CONCURRENCY_PARALLEL_SUM_H_
#define SAFELAB_PAIRS_CONCURRENCY_PARALLEL_SUM_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct ParallelSumInput {
  int threads;
  std::vector<std::int64_t> values;  // read-only while summing
};

// The work done per element: a few rounds of integer mixing. It makes the
// loop bound by the CPU, as the topic means to be: a plain sum of 20M
// integers streams 160 MB and is bound by memory bandwidth, which the two
// cores share, so no variant could show what parallel *computation* gains.
// The result keeps 20 bits, so no sum of a realistic size overflows.
constexpr std::int64_t parallel_sum_work(std::int64_t v) {
  auto x = static_cast<std::uint64_t>(v);
  for (int round = 0; round < 4; ++round) {
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9U;
  }
  return static_cast<std::int64_t>(x >> 44);
}

// The chunk of `values` that thread `index` of `threads` sums.
std::span<const std::int64_t> chunk_of(const std::vector<std::int64_t>& values, int threads,
                                       int index);

struct ParallelSum {
  static constexpr std::string_view name = "parallel_sum";
  static constexpr std::string_view summary =
      "CPU-bound sum split across threads: the GIL serialises it, ownership scales";
  static constexpr std::string_view lab = "labs/02-gil-release";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 4'000'000, .seed = 1};

  using Input = ParallelSumInput;
  using Output = std::int64_t;

  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);  // one thread, one loop
  static std::string show(const Output& sum) { return std::to_string(sum); }
};

std::int64_t parallel_sum_python(const ParallelSumInput& in);
std::int64_t parallel_sum_free_threaded(const ParallelSumInput& in);
std::int64_t parallel_sum_rust(const ParallelSumInput& in);
std::int64_t parallel_sum_tbb(const ParallelSumInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_PARALLEL_SUM_H_
