// Lab 02: the GIL serialises CPU work. Read README.md first; the lines to
// change carry a TODO. `safelab labs check 02` tells you how you are doing.
#include "run_chunks.h"

#include <thread>
#include <vector>

namespace lab02 {

void run_chunks(safelab::gil::Gil& gil, int threads, int chunks, const Kernel& kernel,
                const Collect& collect) {
  std::vector<std::jthread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      safelab::gil::ThreadState ts(gil);  // a Python thread: it holds the GIL
      for (int c = t; c < chunks; c += threads) {
        const std::int64_t r = kernel(c);  // TODO: native work, run with the GIL held
        collect(c, r);                     // interpreter state: needs the GIL
        ts.tick();  // a bytecode boundary: may hand the GIL to another thread
      }
    });
  }
}  // the workers join here

}  // namespace lab02
