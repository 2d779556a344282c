// The safelab side of the "safelab / Rust" channel rows (issue 17): the
// program of bench/rust/channel.rs, line for line, through safelab::own:
// 2,000,000 std::uint64_t messages, unbounded (channel) and bounded
// (bounded_channel(1024), Rust's sync_channel(1024)), 1 -> 1 and 2 -> 1; the
// consumer sums what it receives (range-for, Rust's rx.iter()) and the sum
// is checked. Prints one line per row: `<row> <milliseconds>`; an argument
// runs only the rows whose name contains it.
// bench/report.py's `rust` command runs it and the Rust program alternately
// and prints the medians and the ratios.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "safelab/own/channel.h"

namespace {

constexpr std::uint64_t kMessages = 2'000'000;

// Producer p of n sends its share [kMessages * p / n, kMessages * (p + 1) / n).
template <class Channel>
double run(Channel chan, std::uint64_t producers) {
  auto& [tx, rx] = chan;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (std::uint64_t p = 0; p < producers; ++p) {
    threads.emplace_back([out = tx, p, producers]() mutable {
      for (std::uint64_t i = kMessages * p / producers; i < kMessages * (p + 1) / producers; ++i) {
        if (!out.send(i)) std::abort();
      }
    });
  }
  tx = {};
  std::uint64_t sum = 0;
  for (std::uint64_t m : rx) sum += m;
  for (std::thread& t : threads) t.join();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (sum != kMessages * (kMessages - 1) / 2) {
    std::fputs("lost or duplicated messages\n", stderr);
    std::exit(1);
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  for (std::uint64_t producers : {1, 2}) {
    const std::string row = "unbounded_" + std::to_string(producers) + "to1";
    if (row.find(only) == std::string::npos) continue;
    std::printf("%s %.3f\n", row.c_str(), run(safelab::own::channel<std::uint64_t>(), producers));
  }
  for (std::uint64_t producers : {1, 2}) {
    const std::string row = "bounded1024_" + std::to_string(producers) + "to1";
    if (row.find(only) == std::string::npos) continue;
    std::printf("%s %.3f\n", row.c_str(),
                run(safelab::own::bounded_channel<std::uint64_t>(1024), producers));
  }
}
