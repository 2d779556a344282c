// Lab 10, reference solution: the connection's handlers go through one
// strand, which runs them one at a time (in posting order), on whichever
// thread is free. The strand is the connection's owner: no lock, and other
// connections' strands still run in parallel on the same threads.
#include "tally.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace lab10 {

std::int64_t tally_requests(int requests, int threads) {
  boost::asio::io_context context;
  auto connection = boost::asio::make_strand(context);
  std::int64_t tally = 0;
  for (int i = 0; i < requests; ++i) {
    boost::asio::post(connection, [&tally, i] {
      if (i % 1000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // slow one
      tally += i;
    });
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
  }
  return tally;
}

}  // namespace lab10
