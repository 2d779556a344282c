// labs/16-check-your-program/main.cpp (do not edit): the program's front
// end. Prints how many of its arguments have each length:
//
//   $ ./histogram the quick brown fox
//   3 letters: 2
//   5 letters: 2
#include <cstdio>
#include <string>
#include <vector>

#include "histogram.h"

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  const std::vector<int> counts = lab16::length_histogram(words);
  for (std::size_t n = 0; n < counts.size(); ++n) {
    if (counts[n] != 0) std::printf("%zu letters: %d\n", n, counts[n]);
  }
  return 0;
}
