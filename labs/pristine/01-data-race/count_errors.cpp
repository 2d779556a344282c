// Lab 01: a data race on a counter. Read README.md first; the lines to
// change carry a TODO. `safelab labs check 01` tells you how you are doing.
#include "count_errors.h"

#include <cstddef>
#include <thread>
#include <vector>

namespace lab01 {

std::int64_t count_errors(std::span<const std::uint32_t> codes, int threads) {
  std::int64_t total = 0;  // TODO: shared by every thread below, with nothing guarding it
  const std::size_t n = codes.size();
  const auto t = static_cast<std::size_t>(threads);
  {
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < t; ++i) {
      workers.emplace_back([&, slice = codes.subspan(n * i / t, n * (i + 1) / t - n * i / t)] {
        for (std::uint32_t code : slice) {
          if (is_error(code)) ++total;  // TODO: read-add-write from many threads at once
        }
      });
    }
  }  // the jthreads join here
  return total;
}

}  // namespace lab01
