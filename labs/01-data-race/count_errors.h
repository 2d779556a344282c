// labs/01-data-race/count_errors.h (do not edit: the tests and the solution
// share this declaration)
#ifndef SAFELAB_LABS_01_COUNT_ERRORS_H_
#define SAFELAB_LABS_01_COUNT_ERRORS_H_

#include <cstdint>
#include <span>

namespace lab01 {

// is_error()
//
// An event code is an error event when it is divisible by three. Defined by
// the tests (count_errors_test.cpp), which watch which threads call it: the
// lab's point is that the slices are scanned at the same time, so one test
// checks that two threads were inside it at once.
bool is_error(std::uint32_t code);

// count_errors()
//
// Counts the error events in `codes`, splitting the log into `threads`
// slices scanned by that many threads at once.
// REQUIRES: threads >= 1.
std::int64_t count_errors(std::span<const std::uint32_t> codes, int threads);

}  // namespace lab01

#endif  // SAFELAB_LABS_01_COUNT_ERRORS_H_
