// Wrong fix for lab 10: atomic tallies. Exact and silent under TSan, but a
// connection's handlers still run on any thread at once: nothing orders
// them, as a strand would (the next piece of connection state races again).
// The lab's test sees two handlers of one connection inside at once.
// EXPECT: lab 10 teaches strands on a multi-threaded io_context, no mutex: two handlers of
#include "tally.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <latch>
#include <thread>

namespace lab10 {

std::vector<std::int64_t> tally_requests(int connections, int requests, int threads,
                                         const Request& request) {
  boost::asio::io_context context;
  std::vector<std::atomic<std::int64_t>> tally(static_cast<std::size_t>(connections));
  for (int c = 0; c < connections; ++c) {
    for (int i = 0; i < requests; ++i) {
      boost::asio::post(context, [&tally, &request, c, i] {
        tally[static_cast<std::size_t>(c)] += request(c, i);
      });
    }
  }
  {
    std::vector<std::jthread> pool;
    std::latch started(threads);  // like a warm server: every thread is in run() at once
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        started.arrive_and_wait();
        context.run();
      });
    }
  }  // run() returns once every handler has run; the threads join here
  return {tally.begin(), tally.end()};
}

}  // namespace lab10
