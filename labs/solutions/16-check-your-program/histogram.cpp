// Lab 16, reference solution: the largest index written is the longest
// word's length, so the buffer has longest + 1 slots. `safelab check
// histogram.cpp main.cpp -- the quick brown fox` then reports nothing, and
// the program prints both lengths.
#include "histogram.h"

#include <algorithm>

namespace lab16 {

std::vector<int> length_histogram(const std::vector<std::string>& words) {
  std::size_t longest = 0;
  for (const std::string& w : words) longest = std::max(longest, w.size());
  std::vector<int> counts(longest + 1);  // indices 0..longest
  for (const std::string& w : words) ++counts[w.size()];
  return counts;
}

}  // namespace lab16
