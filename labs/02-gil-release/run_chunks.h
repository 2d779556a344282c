// labs/02-gil-release/run_chunks.h (do not edit: shared by the tests and
// the solution)
#ifndef SAFELAB_LABS_02_RUN_CHUNKS_H_
#define SAFELAB_LABS_02_RUN_CHUNKS_H_

#include <cstdint>
#include <functional>

#include "safelab/gil/gil.h"

namespace lab02 {

// A native kernel: pure C++ work on chunk `chunk` that touches no "Python
// object" (like numpy's inner loops, zlib or hashlib). Thread-safe.
using Kernel = std::function<std::int64_t(int chunk)>;

// Interpreter state: hands a kernel's result to "Python" (as appending to a
// list would). Like every Python object it is not thread-safe: call it only
// with the GIL held.
using Collect = std::function<void(int chunk, std::int64_t result)>;

// run_chunks()
//
// Runs kernel(0) ... kernel(chunks - 1) on `threads` Python-style threads of
// the interpreter whose lock is `gil`: thread t takes chunks t, t + threads,
// ... and calls collect(c, kernel(c)) for each of its chunks.
// REQUIRES: threads >= 1, chunks >= 0.
void run_chunks(safelab::gil::Gil& gil, int threads, int chunks, const Kernel& kernel,
                const Collect& collect);

}  // namespace lab02

#endif  // SAFELAB_LABS_02_RUN_CHUNKS_H_
