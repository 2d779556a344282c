// Wrong fix for lab 01: each thread is joined right after it starts, so the
// count is right and TSan is silent, but the threads never run together.
// EXPECT: lab 01 teaches threads that run at the same time
#include "count_errors.h"

#include <cstddef>
#include <thread>

namespace lab01 {

std::int64_t count_errors(std::span<const std::uint32_t> codes, int threads) {
  std::int64_t total = 0;
  const std::size_t n = codes.size();
  const auto t = static_cast<std::size_t>(threads);
  for (std::size_t i = 0; i < t; ++i) {
    std::thread worker([&, slice = codes.subspan(n * i / t, n * (i + 1) / t - n * i / t)] {
      for (std::uint32_t code : slice) {
        if (is_error(code)) ++total;
      }
    });
    worker.join();  // serial: the next thread starts when this one is done
  }
  return total;
}

}  // namespace lab01
