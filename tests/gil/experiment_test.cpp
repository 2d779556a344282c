// Tests of the experiment drivers' contracts: argument checking and the
// shape of their results. Their figures are measured by `safelab gil` and
// the benchmarks, never asserted here.
#include "gil/experiment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace safelab::gil {
namespace {

using std::chrono::microseconds;

// Tests that out-of-range options are rejected with an exception.
TEST(ExperimentTest, RejectsBadOptions) {
  EXPECT_THROW(run_cpu_bound({.threads = 0}), std::invalid_argument);
  EXPECT_THROW(run_cpu_bound({.threads = 2, .work = 0}), std::invalid_argument);
  EXPECT_THROW(run_cpu_bound({.switch_interval = microseconds(0)}), std::invalid_argument);
  EXPECT_THROW(run_cpu_bound({.work = 1000, .rounds = 0}), std::invalid_argument);
  EXPECT_THROW(run_cpu_bound({.work = 1000, .rounds = 101}), std::invalid_argument);
  EXPECT_THROW(run_convoy({.cpu_threads = -1}), std::invalid_argument);
  EXPECT_THROW(run_convoy({.round_trips = 0}), std::invalid_argument);
  EXPECT_THROW(run_convoy({.switch_interval = microseconds(0)}), std::invalid_argument);
}

// Tests that the GIL run reports one ThreadStats per counting thread, each
// of which held the GIL, and that the runtimes parse by name.
TEST(ExperimentTest, CpuBoundReportsEveryThread) {
  const CpuBoundResult r =
      run_cpu_bound({.threads = 3, .work = 20'000, .switch_interval = microseconds(100)});
  ASSERT_EQ(r.stats.threads.size(), 3u);
  for (const ThreadStats& t : r.stats.threads) EXPECT_GE(t.acquisitions, 1u);
  EXPECT_GT(r.sequential.count(), 0);
  EXPECT_GT(r.threaded.count(), 0);
  EXPECT_EQ(parse_runtime("free-threaded"), Runtime::free_threaded);
  EXPECT_EQ(parse_runtime("gil"), Runtime::gil);
  EXPECT_EQ(parse_runtime("nogil"), std::nullopt);
}

// Tests that every ABBA round yields a ratio and that the reported ratio is
// their median, on both runtimes.
TEST(ExperimentTest, RatioIsTheMedianOfTheRounds) {
  for (Runtime runtime : {Runtime::gil, Runtime::free_threaded}) {
    const CpuBoundResult r = run_cpu_bound({.threads = 2,
                                            .work = 10'000,
                                            .switch_interval = microseconds(100),
                                            .runtime = runtime,
                                            .rounds = 3});
    ASSERT_EQ(r.round_ratios.size(), 3u);
    std::vector<double> sorted = r.round_ratios;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_GT(sorted.front(), 0.0);
    EXPECT_EQ(r.ratio(), sorted[1]);
  }
}

// Tests that the free-threaded run involves no GIL at all.
TEST(ExperimentTest, FreeThreadedRunHasNoGilStats) {
  const CpuBoundResult r =
      run_cpu_bound({.threads = 2, .work = 20'000, .runtime = Runtime::free_threaded});
  EXPECT_TRUE(r.stats.threads.empty());
  EXPECT_EQ(r.stats.switches, 0u);
}

// Tests that the GIL and free-threaded interpreters run the same work (the
// only difference between them is the eval-breaker check) and that the
// result depends on the iteration count, so the loop cannot be elided.
TEST(ExperimentTest, InterpretedLoopsAgree) {
  Gil gil;
  ThreadState ts(gil);
  EXPECT_EQ(interpret_count(ts, 1000), interpret_count_free(1000));
  EXPECT_NE(interpret_count_free(1000), interpret_count_free(1001));
}

// Tests that a convoy run makes exactly the round trips asked for on each
// side, whatever the regime: the count, not the CPU work, ends a run.
TEST(ExperimentTest, ConvoyMakesTheAskedRoundTrips) {
  for (Runtime runtime : {Runtime::gil, Runtime::free_threaded}) {
    const ConvoyResult r = run_convoy({.cpu_threads = 1,
                                       .round_trips = 37,
                                       .switch_interval = microseconds(200),
                                       .runtime = runtime});
    EXPECT_EQ(r.alone.ops, 37);
    EXPECT_EQ(r.beside.ops, 37);
    ASSERT_EQ(r.beside.latencies.size(), 37u);
    EXPECT_TRUE(std::is_sorted(r.beside.latencies.begin(), r.beside.latencies.end()));
    EXPECT_LE(r.beside.p50, r.beside.p90);
    EXPECT_LE(r.beside.p90, r.beside.p99);
    EXPECT_EQ(r.beside.p99, r.beside.latencies.back());  // 37 * 99 / 100 = 36: the largest
  }
}

// Tests the regime measure on a hand-made sample: a round trip is slow when
// it took at least half a switch interval.
TEST(ExperimentTest, SlowFractionCountsWaitsOfHalfAnInterval) {
  using std::chrono::nanoseconds;
  ConvoyResult r;
  r.beside.latencies = {nanoseconds(20'000), nanoseconds(2'499'999), nanoseconds(2'500'000),
                        nanoseconds(10'000'000)};
  EXPECT_DOUBLE_EQ(r.slow_fraction(microseconds(5000)), 0.5);
  EXPECT_DOUBLE_EQ(r.slow_fraction(microseconds(40)), 1.0);
  EXPECT_DOUBLE_EQ(ConvoyResult{}.slow_fraction(microseconds(5000)), 0.0);
}

}  // namespace
}  // namespace safelab::gil
