// labs/10-strands/tally.h (do not edit: shared by the tests and the
// solution)
#ifndef SAFELAB_LABS_10_TALLY_H_
#define SAFELAB_LABS_10_TALLY_H_

#include <cstdint>
#include <functional>
#include <vector>

namespace lab10 {

// The work of one request, done by its completion handler: returns what the
// handler adds to its connection's tally. Thread-safe: any thread may call it.
using Request = std::function<std::int64_t(int connection, int request)>;

// tally_requests()
//
// An Asio server's bookkeeping: for each of `connections` connections, posts
// `requests` completion handlers to one io_context run by `threads` threads,
// handler i of connection c adding request(c, i) to connection c's tally (the
// connection's state). Returns the tallies, one per connection, once every
// handler has run. REQUIRES: connections >= 0, requests >= 0, threads >= 1.
std::vector<std::int64_t> tally_requests(int connections, int requests, int threads,
                                         const Request& request);

}  // namespace lab10

#endif  // SAFELAB_LABS_10_TALLY_H_
