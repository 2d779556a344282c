// Wrong fix for lab 10: an atomic tally. Exact and silent under TSan, but
// the connection's handlers still run on any thread at once: nothing orders
// them, as a strand would (the next piece of connection state races again).
// EXPECT: lab 10 teaches strands on a multi-threaded io_context, no mutex: the exercise uses
// std::atomic
#include "tally.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace lab10 {

std::int64_t tally_requests(int requests, int threads) {
  boost::asio::io_context context;
  std::atomic<std::int64_t> tally{0};
  for (int i = 0; i < requests; ++i) {
    boost::asio::post(context, [&tally, i] {
      if (i % 1000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      tally += i;
    });
  }
  {
    std::vector<std::jthread> pool;
    std::latch started(threads);
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        started.arrive_and_wait();
        context.run();
      });
    }
  }
  return tally.load();
}

}  // namespace lab10
