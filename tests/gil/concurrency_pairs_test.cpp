// Tests that every safe variant of the concurrency topics built on the GIL
// model and the ownership primitives gives the topic's reference answer, at
// several thread counts. Unsafe variants are never called here: they only
// run in the verdict runner's child process.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"

namespace safelab::catalog {
namespace {

constexpr std::string_view kTopics[] = {"parallel_sum", "bank_transfer", "word_index", "pipeline"};

// Small sizes keep the sanitizer builds fast; the benchmarks use big ones.
std::int64_t test_size(std::string_view topic) {
  if (topic == "parallel_sum") return 200'000;
  if (topic == "bank_transfer") return 20'000;
  if (topic == "word_index") return 500;
  return 500;  // pipeline buffers
}

std::vector<const Entry*> safe_entries_of(std::string_view topic) {
  std::vector<const Entry*> out;
  for (const Entry& e : entries()) {
    if (e.topic == topic && !e.is_unsafe()) out.push_back(&e);
  }
  return out;
}

class ConcurrencyPairsTest : public testing::TestWithParam<std::string_view> {};

// Tests that each topic is registered with at least its python and rust
// variants and one unsafe twin.
TEST_P(ConcurrencyPairsTest, TopicHasPythonRustAndUnsafeVariants) {
  const std::string topic(GetParam());
  EXPECT_NE(find(topic + "/python"), nullptr);
  EXPECT_NE(find(topic + "/rust"), nullptr);
  if (topic != "parallel_sum") {
    EXPECT_NE(find(topic + "/unsafe"), nullptr);
  }
}

// Tests that every safe variant agrees with the reference answer (money
// conserved and balances exact, the same index, the same checksums) at 1,
// 2, 3 and 4 threads, with two different inputs.
TEST_P(ConcurrencyPairsTest, SafeVariantsGiveTheReferenceAnswer) {
  const std::vector<const Entry*> variants = safe_entries_of(GetParam());
  ASSERT_GE(variants.size(), 2u);
  for (std::uint64_t seed : {1u, 7u}) {
    for (int threads = 1; threads <= 4; ++threads) {
      const Params params{threads, test_size(GetParam()), seed};
      for (const Entry* e : variants) {
        const Outcome o = e->run(params);
        EXPECT_TRUE(o.correct()) << e->id() << " threads=" << threads << " seed=" << seed
                                 << ": got " << o.result << ", expected " << o.expected;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Topics, ConcurrencyPairsTest, testing::ValuesIn(kTopics),
                         [](const testing::TestParamInfo<std::string_view>& param_info) {
                           std::string name;
                           bool upper = true;
                           for (char c : param_info.param) {
                             if (c == '_') {
                               upper = true;
                               continue;
                             }
                             name += upper ? static_cast<char>(c - 'a' + 'A') : c;
                             upper = false;
                           }
                           return name;
                         });

}  // namespace
}  // namespace safelab::catalog
