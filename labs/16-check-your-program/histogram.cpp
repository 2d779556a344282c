// Lab 16: check your own program. Read README.md first; the line to change
// carries a TODO. Run the program under the sanitizers as any program of
// yours would be:
//
//   safelab check histogram.cpp main.cpp -- the quick brown fox
#include "histogram.h"

#include <algorithm>

namespace lab16 {

std::vector<int> length_histogram(const std::vector<std::string>& words) {
  std::size_t longest = 0;
  for (const std::string& w : words) longest = std::max(longest, w.size());
  std::vector<int> counts(longest);  // TODO: which index does the longest word use?
  for (const std::string& w : words) ++counts[w.size()];
  return counts;
}

}  // namespace lab16
