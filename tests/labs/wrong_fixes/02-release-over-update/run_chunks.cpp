// Wrong fix for lab 02: the GIL is released over the kernel *and* the update
// of the interpreter's state after it (partial, tick): the kernels overlap,
// but "Python" state is now touched without the GIL.
// EXPECT: lab 02 teaches releasing the GIL around the native kernel only
#include "run_chunks.h"

#include <thread>
#include <vector>

namespace lab02 {

std::int64_t run_chunks(safelab::gil::Gil& gil, int threads, int chunks, const Kernel& kernel) {
  std::vector<std::int64_t> partial(static_cast<std::size_t>(threads), 0);
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        safelab::gil::ThreadState ts(gil);
        for (int c = t; c < chunks; c += threads) {
          safelab::gil::AllowThreads released(ts);
          const std::int64_t r = kernel(c);
          partial[static_cast<std::size_t>(t)] += r;
        }
      });
    }
  }
  std::int64_t total = 0;
  for (std::int64_t p : partial) total += p;
  return total;
}

}  // namespace lab02
