// Lab 01's checks. The result must equal a sequential count for any number
// of threads, and the `tsan` build must report nothing: run
// `safelab labs check 01`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "count_errors.h"

namespace lab01 {
namespace {

std::vector<std::uint32_t> make_log(std::size_t n) {
  std::mt19937 gen(7);
  std::vector<std::uint32_t> codes(n);
  for (std::uint32_t& c : codes) c = gen();
  return codes;
}

std::int64_t sequential(const std::vector<std::uint32_t>& codes) {
  return std::count_if(codes.begin(), codes.end(), is_error);
}

// Tests that four threads count exactly what one loop counts.
TEST(CountErrorsTest, MatchesSequentialCount) {
  const auto codes = make_log(400'000);
  EXPECT_EQ(count_errors(codes, 4), sequential(codes));
}

// Tests that the answer does not depend on the number of threads.
TEST(CountErrorsTest, SameAnswerForAnyThreadCount) {
  const auto codes = make_log(50'000);
  for (int threads : {1, 2, 3, 8}) {
    EXPECT_EQ(count_errors(codes, threads), sequential(codes)) << threads << " threads";
  }
}

// Tests the edges: an empty log, and more threads than events.
TEST(CountErrorsTest, EmptyLogAndTinyLog) {
  EXPECT_EQ(count_errors({}, 2), 0);
  const std::vector<std::uint32_t> three{3, 4, 6};
  EXPECT_EQ(count_errors(three, 8), 2);
}

}  // namespace
}  // namespace lab01
