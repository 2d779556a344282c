// labs/12-scoped-threads/total.h (do not edit: the tests and the solution
// share these declarations)
#ifndef SAFELAB_LABS_12_TOTAL_H_
#define SAFELAB_LABS_12_TOTAL_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "safelab/err/result.h"

namespace lab12 {

using Batch = std::vector<std::int64_t>;

// sum_batch()
//
// The sum of one batch. Defined by the tests (total_test.cpp), which watch
// which threads call it, and which make it throw std::invalid_argument for a
// batch it refuses.
std::int64_t sum_batch(const Batch& batch);

// total_of()
//
// Sums every batch on its own scoped thread, all at the same time, and adds
// the sums, which come back through the threads' join handles.
// Errors: the index of the first batch (lowest index) whose thread threw.
safelab::err::Result<std::int64_t, std::size_t> total_of(const std::vector<Batch>& batches);

}  // namespace lab12

#endif  // SAFELAB_LABS_12_TOTAL_H_
