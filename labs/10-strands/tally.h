// labs/10-strands/tally.h (do not edit: shared by the tests and the
// solution)
#ifndef SAFELAB_LABS_10_TALLY_H_
#define SAFELAB_LABS_10_TALLY_H_

#include <cstdint>

namespace lab10 {

// tally_requests()
//
// One connection's bookkeeping in an Asio server: posts `requests`
// completion handlers, handler i adding i to the connection's tally, to an
// io_context run by `threads` threads. Returns the tally once every handler
// has run. REQUIRES: threads >= 1, requests >= 0.
std::int64_t tally_requests(int requests, int threads);

}  // namespace lab10

#endif  // SAFELAB_LABS_10_TALLY_H_
