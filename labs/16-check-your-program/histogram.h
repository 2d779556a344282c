// labs/16-check-your-program/histogram.h (do not edit: shared by main.cpp,
// the tests and the solution). Plain C++, no safelab: this is "your own
// program", checked from the outside with `safelab check`.
#ifndef SAFELAB_LABS_16_HISTOGRAM_H_
#define SAFELAB_LABS_16_HISTOGRAM_H_

#include <string>
#include <vector>

namespace lab16 {

// length_histogram()
//
// counts[n] is how many of `words` have n characters, for every n from 0 to
// the longest word's length (so the result has longest + 1 entries; {0} when
// there are no words).
std::vector<int> length_histogram(const std::vector<std::string>& words);

}  // namespace lab16

#endif  // SAFELAB_LABS_16_HISTOGRAM_H_
