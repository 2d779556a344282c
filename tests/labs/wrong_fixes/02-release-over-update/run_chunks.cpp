// Wrong fix for lab 02: the GIL is released over the kernel *and* the
// hand-over of its result to the interpreter (collect) after it: the kernels
// overlap, but "Python" state is now touched without the GIL. The lab's test
// sees it at run time (Gil::held_by_this_thread() inside collect).
// EXPECT: lab 02 teaches releasing the GIL around the native kernel only: collect()
#include "run_chunks.h"

#include <thread>
#include <vector>

namespace lab02 {

void run_chunks(safelab::gil::Gil& gil, int threads, int chunks, const Kernel& kernel,
                const Collect& collect) {
  std::vector<std::jthread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      safelab::gil::ThreadState ts(gil);
      for (int c = t; c < chunks; c += threads) {
        safelab::gil::AllowThreads released(ts);
        const std::int64_t r = kernel(c);
        collect(c, r);
      }
    });
  }
}

}  // namespace lab02
