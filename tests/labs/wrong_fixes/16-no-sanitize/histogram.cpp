// Wrong fix for lab 16: tell ASan not to look at this function. The report
// is gone; the write past the end is still there.
// EXPECT: lab 16 teaches sizing the buffer for the largest index
#include "histogram.h"

#include <algorithm>

namespace lab16 {

__attribute__((no_sanitize("address"))) std::vector<int> length_histogram(
    const std::vector<std::string>& words) {
  std::size_t longest = 0;
  for (const std::string& w : words) longest = std::max(longest, w.size());
  std::vector<int> counts(longest);
  for (const std::string& w : words) ++counts[w.size()];
  return counts;
}

}  // namespace lab16
