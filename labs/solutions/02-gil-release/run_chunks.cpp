// Lab 02, reference solution: the kernel touches no interpreter state, so
// the thread releases the GIL around it (Py_BEGIN_ALLOW_THREADS, what numpy,
// zlib and hashlib do in C). The kernels of different threads now overlap;
// handing the result to the interpreter runs with the GIL held again.
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
        std::int64_t r = 0;
        {
          safelab::gil::AllowThreads released(ts);  // others run meanwhile
          r = kernel(c);
        }  // takes the GIL back
        collect(c, r);
        ts.tick();
      }
    });
  }
}

}  // namespace lab02
