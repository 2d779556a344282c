// Wrong fix for lab 10: the io_context runs on the calling thread only. One
// thread runs the handlers one at a time, so the tally is exact and TSan is
// silent, but the server no longer uses its threads.
// EXPECT: lab 10 teaches strands on a multi-threaded io_context, no mutex: the exercise posts
// without a strand
#include "tally.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <thread>

namespace lab10 {

std::int64_t tally_requests(int requests, int /*threads*/) {
  boost::asio::io_context context;
  std::int64_t tally = 0;
  for (int i = 0; i < requests; ++i) {
    boost::asio::post(context, [&tally, i] {
      if (i % 1000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      tally += i;
    });
  }
  context.run();  // one thread: the handlers cannot overlap
  return tally;
}

}  // namespace lab10
