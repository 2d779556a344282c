// Lab 10, reference solution: each connection's handlers go through its own
// strand, which runs them one at a time (in posting order), on whichever
// thread is free. The strand is the connection's owner: no lock, and the
// other connections' strands still run in parallel on the same threads.
#include "tally.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <latch>
#include <thread>

namespace lab10 {

std::vector<std::int64_t> tally_requests(int connections, int requests, int threads,
                                         const Request& request) {
  boost::asio::io_context context;
  std::vector<std::int64_t> tally(static_cast<std::size_t>(connections), 0);
  for (int c = 0; c < connections; ++c) {
    auto connection = boost::asio::make_strand(context);  // runs c's handlers one at a time
    for (int i = 0; i < requests; ++i) {
      boost::asio::post(connection, [&tally, &request, c, i] {
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
  return tally;
}

}  // namespace lab10
