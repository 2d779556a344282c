// Topic `parallel_sum`, four ways. Every variant sums parallel_sum_work()
// over the same chunks; they differ in what lets (or stops) the threads run
// at once.
//
//   python         threads of the GIL model: each element is a "bytecode"
//                  followed by the eval-breaker check, so only the thread
//                  holding the GIL advances; the others wait their switch
//                  interval. Correct, and no faster with more threads.
//   free-threaded  PEP 703: no GIL, so the loops run in parallel; the one
//                  shared object (the results list) is locked per append.
//   rust           scoped threads borrow their chunk, own their partial sum
//                  and move it back through a channel.
//   tbb            tbb::parallel_reduce in an arena of T threads.
#include "parallel_sum.h"

#include <functional>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include "safelab/gil/free_threaded.h"
#include "safelab/gil/gil.h"
#include "safelab/own/channel.h"
#include "safelab/own/scope.h"
#include "tbb_threads.h"

namespace safelab::pairs {

ParallelSumInput ParallelSum::make_input(const catalog::Params& p) {
  std::mt19937_64 gen(p.seed);
  std::vector<std::int64_t> values(static_cast<std::size_t>(p.size));
  for (std::int64_t& v : values) v = static_cast<std::int64_t>(gen() % 2001) - 1000;
  return {p.threads, std::move(values)};
}

std::int64_t ParallelSum::reference(const ParallelSumInput& in) {
  std::int64_t total = 0;
  for (std::int64_t v : in.values) total += parallel_sum_work(v);
  return total;
}

namespace {
std::int64_t sum_of_work(std::span<const std::int64_t> chunk) {
  return std::transform_reduce(chunk.begin(), chunk.end(), std::int64_t{0}, std::plus<>(),
                               parallel_sum_work);
}
}  // namespace

std::span<const std::int64_t> chunk_of(const std::vector<std::int64_t>& values, int threads,
                                       int index) {
  const std::size_t n = values.size();
  const auto t = static_cast<std::size_t>(threads);
  const auto i = static_cast<std::size_t>(index);
  return std::span(values).subspan(n * i / t, n * (i + 1) / t - n * i / t);
}

// python: `threading.Thread`s summing under the GIL.
std::int64_t parallel_sum_python(const ParallelSumInput& in) {
  gil::Gil gil;            // one interpreter, 5 ms switch interval
  std::int64_t total = 0;  // a Python int: only touched with the GIL held
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, chunk = chunk_of(in.values, in.threads, t)] {
        gil::ThreadState ts(gil);
        std::int64_t partial = 0;
        for (std::int64_t v : chunk) {
          partial += parallel_sum_work(v);  // one "bytecode"...
          ts.tick();                        // ...then the eval breaker: hand over if asked
        }
        total += partial;
      });
    }
  }  // joins
  return total;
}

// free-threaded: the same loop with no GIL; results.append() locks the list.
std::int64_t parallel_sum_free_threaded(const ParallelSumInput& in) {
  gil::FreeThreaded runtime;
  gil::Object<std::vector<std::int64_t>> results(runtime);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, chunk = chunk_of(in.values, in.threads, t)] {
        const std::int64_t partial = sum_of_work(chunk);
        results.with([partial](std::vector<std::int64_t>& r) { r.push_back(partial); });
      });
    }
  }
  return results.with([](std::vector<std::int64_t>& r) {
    return std::accumulate(r.begin(), r.end(), std::int64_t{0});
  });
}

// rust: each scoped thread owns its sum and sends it back by value.
std::int64_t parallel_sum_rust(const ParallelSumInput& in) {
  auto sums = own::channel<std::int64_t>();  // {Sender, Receiver}
  own::Sender<std::int64_t>& tx = sums.first;
  own::Receiver<std::int64_t>& rx = sums.second;
  own::scope([&](own::Scope& s) {
    for (int t = 0; t < in.threads; ++t) {
      s.spawn(
          [chunk = chunk_of(in.values, in.threads, t)](own::Sender<std::int64_t> out) {
            out.send(sum_of_work(chunk)).expect("the receiver outlives every sender");
          },
          tx);
    }
  });
  tx = {};  // the last sender gone: the receiver's range ends after the sums
  std::int64_t total = 0;
  for (std::int64_t partial : rx) total += partial;
  return total;
}

// tbb: the library splits the range and combines the partial sums.
std::int64_t parallel_sum_tbb(const ParallelSumInput& in) {
  TbbThreads arena(in.threads);  // T threads, even above the core count
  return arena.execute([&] {
    return tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, in.values.size(), 1 << 14), std::int64_t{0},
        [&](const tbb::blocked_range<std::size_t>& r, std::int64_t acc) {
          for (std::size_t i = r.begin(); i != r.end(); ++i) acc += parallel_sum_work(in.values[i]);
          return acc;
        },
        std::plus<>());
  });
}

using namespace catalog;
SAFELAB_VARIANT(ParallelSum, "python", Style::python, clean(),
                "threads under the GIL model, tick() per element: serialised", parallel_sum_python);
SAFELAB_VARIANT(ParallelSum, "free-threaded", Style::free_threaded, clean(),
                "no GIL; partial sums appended to one per-object-locked list",
                parallel_sum_free_threaded);
SAFELAB_VARIANT(ParallelSum, "rust", Style::rust, clean(),
                "scoped threads own their sums and send them back by value", parallel_sum_rust);
SAFELAB_VARIANT(ParallelSum, "tbb", Style::tbb, clean(), "tbb::parallel_reduce in a T-thread arena",
                parallel_sum_tbb);

}  // namespace safelab::pairs
