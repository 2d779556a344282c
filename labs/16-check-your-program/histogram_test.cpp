// Lab 16's checks: the histogram has a slot for every length up to the
// longest word's, and counts every word (the asan build also proves that no
// write lands outside the buffer).
#include <gtest/gtest.h>

#include "histogram.h"

namespace lab16 {
namespace {

// What the size checks say: the lesson, not just the numbers.
constexpr const char* kSize =
    "lab 16 teaches sizing the buffer for the largest index: one slot per length 0..longest "
    "(longest + 1 slots); skipping, clamping or padding the writes is not a fix";

// Tests the example of main.cpp's comment: "the quick brown fox".
TEST(LengthHistogramTest, CountsEveryWord) {
  const std::vector<int> h = length_histogram({"the", "quick", "brown", "fox"});
  if (h.size() != 6) FAIL() << kSize << " (want 6 slots, got " << h.size() << ")";
  EXPECT_EQ(h, (std::vector<int>{0, 0, 0, 2, 0, 2}));
}

// Tests that the longest word is counted even when it is the only one of its
// length, and lengths nobody has stay 0.
TEST(LengthHistogramTest, LongestWordIsCounted) {
  const std::vector<int> h = length_histogram({"a", "bbb", "a", "ccccc"});
  if (h.size() != 6) FAIL() << kSize << " (want 6 slots, got " << h.size() << ")";
  EXPECT_EQ(h, (std::vector<int>{0, 2, 0, 1, 0, 1}));
}

// Tests the edge cases the header states: no words, and an empty word.
TEST(LengthHistogramTest, EmptyInputs) {
  EXPECT_EQ(length_histogram({}), (std::vector<int>{0})) << kSize;
  EXPECT_EQ(length_histogram({""}), (std::vector<int>{1})) << kSize;
}

}  // namespace
}  // namespace lab16
