// Lab 04's checks: every input is hashed exactly once whatever the number
// of workers, and the tsan build reports nothing.
#include <gtest/gtest.h>

#include <algorithm>

#include "hash_all.h"

namespace lab04 {
namespace {

std::vector<std::string> make_inputs(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("request-" + std::to_string(i));
  return out;
}

std::vector<std::uint64_t> sequential(const std::vector<std::string>& inputs) {
  std::vector<std::uint64_t> out;
  for (const std::string& s : inputs) out.push_back(fnv1a(s));
  std::sort(out.begin(), out.end());
  return out;
}

// Tests that four workers produce every hash exactly once.
TEST(HashAllTest, FourWorkersLoseNothing) {
  const auto inputs = make_inputs(20'000);
  const auto hashes = hash_all(inputs, 4);
  ASSERT_EQ(hashes.size(), inputs.size()) << "hashes were lost or duplicated";
  EXPECT_EQ(hashes, sequential(inputs));
}

// Tests one worker, more workers than inputs, and no input.
TEST(HashAllTest, EdgeCases) {
  const auto few = make_inputs(3);
  EXPECT_EQ(hash_all(few, 1), sequential(few));
  EXPECT_EQ(hash_all(few, 8), sequential(few));
  EXPECT_TRUE(hash_all({}, 2).empty());
}

}  // namespace
}  // namespace lab04
