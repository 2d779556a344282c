// Wrong fix for lab 16: skip the write that does not fit. ASan is silent,
// the buffer is untouched past its end; but the longest word is never
// counted, and the histogram is one slot short.
// EXPECT: lab 16 teaches sizing the buffer for the largest index
#include "histogram.h"

#include <algorithm>

namespace lab16 {

std::vector<int> length_histogram(const std::vector<std::string>& words) {
  std::size_t longest = 0;
  for (const std::string& w : words) longest = std::max(longest, w.size());
  std::vector<int> counts(longest);
  for (const std::string& w : words) {
    if (w.size() < counts.size()) ++counts[w.size()];
  }
  return counts;
}

}  // namespace lab16
