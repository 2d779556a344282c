// Lab 10's checks: the tallies are exact with several threads running the
// io_context, and two things the lab is named after are observed at run
// time, from inside the handlers (the tests' own request function):
// - the handlers ran on more than one thread (the io_context's threads are
//   used, not traded for one thread that cannot overlap anything);
// - two handlers of one connection never ran at the same time (something
//   orders them: the connection's strand).
// The first handler of connection 0 waits a moment inside, so that an
// unordered second handler of the same connection has every chance to come
// in and be seen; an ordered one never can, so no verdict depends on timing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "tally.h"

namespace lab10 {
namespace {

std::int64_t work(int connection, int request) { return request + connection; }

std::int64_t expected(int connection, int requests) {
  return static_cast<std::int64_t>(requests) * (requests - 1) / 2 +
         static_cast<std::int64_t>(connection) * requests;
}

// What the handlers did, seen from inside them. Relaxed atomics only: the
// observer must not order the handlers itself (a mutex here would hand
// ThreadSanitizer the happens-before edges a strand is supposed to give).
class Observer {
 public:
  explicit Observer(int connections) : inside_(static_cast<std::size_t>(connections)) {}

  std::int64_t operator()(int connection, int request) {
    std::atomic<int>& inside = inside_[static_cast<std::size_t>(connection)];
    note_thread();
    if (inside.fetch_add(1, std::memory_order_relaxed) > 0) {
      int none = -1;
      overlap_connection_.compare_exchange_strong(none, connection, std::memory_order_relaxed);
    }
    if (connection == 0 && request == 0) {
      // The probe: hold handler (0, 0) open until another handler of
      // connection 0 comes in (it must not) or half a second passed.
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
      while (overlap_connection_.load(std::memory_order_relaxed) < 0 &&
             std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    inside.fetch_sub(1, std::memory_order_relaxed);
    return work(connection, request);
  }

  bool several_threads() const { return several_threads_.load(std::memory_order_relaxed); }
  int overlap_connection() const { return overlap_connection_.load(std::memory_order_relaxed); }

 private:
  void note_thread() {
    const std::size_t me = std::hash<std::thread::id>{}(std::this_thread::get_id()) | 1;
    std::size_t first = 0;
    if (!first_thread_.compare_exchange_strong(first, me, std::memory_order_relaxed) &&
        first != me) {
      several_threads_.store(true, std::memory_order_relaxed);
    }
  }

  std::vector<std::atomic<int>> inside_;      // handlers of each connection running right now
  std::atomic<std::size_t> first_thread_{0};  // hash of the first handler's thread, never 0
  std::atomic<bool> several_threads_{false};
  std::atomic<int> overlap_connection_{-1};
};

// Tests that four connections served by four threads use those threads,
// keep each connection's handlers apart, and lose no update.
TEST(TallyRequestsTest, FourConnectionsOnFourThreads) {
  Observer seen(4);
  const std::vector<std::int64_t> tallies =
      tally_requests(4, 5'000, 4, [&](int c, int i) { return seen(c, i); });
  if (!seen.several_threads()) {
    ADD_FAILURE() << "lab 10 teaches strands on a multi-threaded io_context, no mutex: every "
                     "handler ran on one thread; run the io_context on all `threads` threads "
                     "and let each connection's strand order its handlers";
  }
  if (const int c = seen.overlap_connection(); c >= 0) {
    ADD_FAILURE() << "lab 10 teaches strands on a multi-threaded io_context, no mutex: two "
                     "handlers of connection "
                  << c
                  << " ran at the same time, on different threads; post each connection's "
                     "handlers through its own strand (boost::asio::make_strand)";
  }
  ASSERT_EQ(tallies.size(), 4u);
  for (int c = 0; c < 4; ++c) {
    EXPECT_EQ(tallies[static_cast<std::size_t>(c)], expected(c, 5'000)) << "connection " << c;
  }
}

// Tests one thread, one connection, and no request or connection at all.
TEST(TallyRequestsTest, EdgeCases) {
  EXPECT_EQ(tally_requests(1, 100, 1, work), std::vector<std::int64_t>{expected(0, 100)});
  EXPECT_EQ(tally_requests(2, 0, 3, work), (std::vector<std::int64_t>{0, 0}));
  EXPECT_TRUE(tally_requests(0, 10, 2, work).empty());
}

}  // namespace
}  // namespace lab10
