// Wrong fix for lab 16: a generous buffer. The write lands inside it, so
// ASan is silent; but the histogram now has slots for lengths nobody has
// (and a long enough word overflows it again).
// EXPECT: lab 16 teaches sizing the buffer for the largest index
#include "histogram.h"

#include <algorithm>

namespace lab16 {

std::vector<int> length_histogram(const std::vector<std::string>& words) {
  std::size_t longest = 0;
  for (const std::string& w : words) longest = std::max(longest, w.size());
  std::vector<int> counts(longest + 16);
  for (const std::string& w : words) ++counts[w.size()];
  return counts;
}

}  // namespace lab16
