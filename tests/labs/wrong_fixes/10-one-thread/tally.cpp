// Wrong fix for lab 10: the io_context runs on the calling thread only. One
// thread runs the handlers one at a time, so the tallies are exact and TSan
// is silent, but the server no longer uses its threads. The lab's test sees
// every handler run on one thread.
// EXPECT: lab 10 teaches strands on a multi-threaded io_context, no mutex: every handler
#include "tally.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace lab10 {

std::vector<std::int64_t> tally_requests(int connections, int requests, int /*threads*/,
                                         const Request& request) {
  boost::asio::io_context context;
  std::vector<std::int64_t> tally(static_cast<std::size_t>(connections), 0);
  for (int c = 0; c < connections; ++c) {
    for (int i = 0; i < requests; ++i) {
      boost::asio::post(context, [&tally, &request, c, i] {
        tally[static_cast<std::size_t>(c)] += request(c, i);
      });
    }
  }
  context.run();  // one thread: the handlers cannot overlap
  return tally;
}

}  // namespace lab10
