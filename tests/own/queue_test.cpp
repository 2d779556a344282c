// Tests of the lock-free queues under a Channel (internal::ListQueue for
// unbounded channels, internal::ArrayQueue for bounded ones): FIFO order
// across blocks and laps, exact capacity, closing, and that every message is
// destroyed exactly once, also when the queue is closed under running
// senders.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "safelab/own/internal/array_queue.h"
#include "safelab/own/internal/list_queue.h"

namespace safelab::own::internal {
namespace {

// A message that counts how many live values were destroyed (a moved-from
// one holds nothing and does not count).
struct Counted {
  static inline std::atomic<long> destroyed{0};
  explicit Counted(int v) : value(std::make_unique<int>(v)) {}
  Counted(Counted&&) noexcept = default;
  Counted& operator=(Counted&&) noexcept = default;
  ~Counted() {
    if (value) destroyed.fetch_add(1, std::memory_order_relaxed);
  }
  std::unique_ptr<int> value;
};

struct Kib {
  std::array<char, 1024> bytes{};
  int id = 0;
};

template <class Q, class T>
void push_ok(Q& q, T value) {
  ASSERT_EQ(q.push(value), PushStatus::ok);
}

template <class T, class Q>
std::optional<T> pop(Q& q) {
  std::optional<T> out;
  EXPECT_EQ(q.pop(out), PopStatus::ok);
  return out;
}

TEST(ListQueueTest, FifoAcrossBlocks) {
  ListQueue<std::unique_ptr<int>> q;
  const int n = 31 * 5 + 3;  // five full blocks and part of a sixth
  for (int i = 0; i < n; ++i) push_ok(q, std::make_unique<int>(i));
  for (int i = 0; i < n; ++i) EXPECT_EQ(**pop<std::unique_ptr<int>>(q), i);
  std::optional<std::unique_ptr<int>> none;
  EXPECT_EQ(q.pop(none), PopStatus::empty);
  EXPECT_FALSE(none.has_value());
}

TEST(ListQueueTest, InterleavedPushPopOfLargeMessages) {
  ListQueue<Kib> q;
  int next_in = 0;
  int next_out = 0;
  for (int round = 0; round < 200; ++round) {  // the backlog grows and shrinks
    for (int i = 0; i < 7; ++i) {
      Kib k;
      k.id = next_in++;
      push_ok(q, k);
    }
    for (int i = 0; i < 5; ++i) EXPECT_EQ(pop<Kib>(q)->id, next_out++);
  }
  while (next_out < next_in) EXPECT_EQ(pop<Kib>(q)->id, next_out++);
}

TEST(ListQueueTest, ClosedQueueRefusesPushesAndDrains) {
  ListQueue<std::unique_ptr<int>> q;
  EXPECT_FALSE(q.has_message_or_closed());
  push_ok(q, std::make_unique<int>(1));
  EXPECT_TRUE(q.close());
  EXPECT_FALSE(q.close());  // only the first call closes
  auto refused = std::make_unique<int>(2);
  EXPECT_EQ(q.push(refused), PushStatus::disconnected);
  ASSERT_NE(refused, nullptr);  // not moved from: the sender gets it back
  EXPECT_TRUE(q.has_message_or_closed());
  EXPECT_EQ(**pop<std::unique_ptr<int>>(q), 1);
  std::optional<std::unique_ptr<int>> none;
  EXPECT_EQ(q.pop(none), PopStatus::disconnected);
}

TEST(ListQueueTest, DiscardAndDestructorDestroyEveryMessage) {
  const long before = Counted::destroyed.load();
  {
    ListQueue<Counted> q;
    for (int i = 0; i < 100; ++i) push_ok(q, Counted(i));
    EXPECT_EQ(pop<Counted>(q)->value != nullptr, true);  // destroyed with the optional
    q.close();
    q.discard_all();
    EXPECT_EQ(Counted::destroyed.load() - before, 100);
    for (int i = 0; i < 40; ++i) {
      Counted c(i);
      EXPECT_EQ(q.push(c), PushStatus::disconnected);
    }
  }
  EXPECT_EQ(Counted::destroyed.load() - before, 140);  // the refused ones, by their owners
  {
    ListQueue<Counted> q;
    for (int i = 0; i < 70; ++i) push_ok(q, Counted(i));
  }
  EXPECT_EQ(Counted::destroyed.load() - before, 210);  // the destructor's
}

TEST(ArrayQueueTest, CapacityIsExact) {
  ArrayQueue<std::unique_ptr<int>> q(3);
  EXPECT_EQ(q.capacity(), 3u);
  for (int i = 0; i < 3; ++i) push_ok(q, std::make_unique<int>(i));
  EXPECT_FALSE(q.has_room_or_closed());
  auto extra = std::make_unique<int>(3);
  EXPECT_EQ(q.push(extra), PushStatus::full);
  ASSERT_NE(extra, nullptr);  // not moved from
  EXPECT_EQ(**pop<std::unique_ptr<int>>(q), 0);
  EXPECT_TRUE(q.has_room_or_closed());
  EXPECT_EQ(q.push(extra), PushStatus::ok);
  EXPECT_EQ(q.push(extra), PushStatus::full);
}

TEST(ArrayQueueTest, FifoOverManyLaps) {
  ArrayQueue<int> q(5);
  int next_in = 0;
  int next_out = 0;
  for (int round = 0; round < 1000; ++round) {
    for (int i = 0; i < 1 + round % 5; ++i) push_ok(q, next_in++);
    while (next_out < next_in) EXPECT_EQ(pop<int>(q), next_out++);
  }
  std::optional<int> none;
  EXPECT_EQ(q.pop(none), PopStatus::empty);
}

TEST(ArrayQueueTest, ClosedQueueRefusesPushesAndDrains) {
  ArrayQueue<int> q(2);
  push_ok(q, 7);
  EXPECT_TRUE(q.close());
  EXPECT_FALSE(q.close());
  int refused = 8;
  EXPECT_EQ(q.push(refused), PushStatus::disconnected);
  EXPECT_TRUE(q.has_room_or_closed());
  EXPECT_TRUE(q.has_message_or_closed());
  EXPECT_EQ(pop<int>(q), 7);
  std::optional<int> none;
  EXPECT_EQ(q.pop(none), PopStatus::disconnected);
}

TEST(ArrayQueueTest, DiscardAndDestructorDestroyEveryMessage) {
  const long before = Counted::destroyed.load();
  {
    ArrayQueue<Counted> q(8);
    for (int i = 0; i < 6; ++i) push_ok(q, Counted(i));
    pop<Counted>(q);
    pop<Counted>(q);
    for (int i = 0; i < 4; ++i) push_ok(q, Counted(i));  // wraps around
    q.close();
    q.discard_all();
    EXPECT_EQ(Counted::destroyed.load() - before, 10);
  }
  EXPECT_EQ(Counted::destroyed.load() - before, 10);  // nothing destroyed twice
  {
    ArrayQueue<Counted> q(8);
    for (int i = 0; i < 5; ++i) push_ok(q, Counted(i));
  }
  EXPECT_EQ(Counted::destroyed.load() - before, 15);
}

// Closes the queue while two senders push as fast as they can and one
// receiver pops, then discards the rest: every message a push accepted is
// popped or discarded, and every message made is destroyed exactly once.
template <class Q>
void close_under_load(Q& q) {
  const long before = Counted::destroyed.load();
  std::atomic<long> made{0};
  std::atomic<long> accepted{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < 2; ++t) {
    senders.emplace_back([&] {
      long tries = 0;
      long ok = 0;
      for (;; ++tries) {
        Counted c(1);
        const PushStatus s = q.push(c);  // `full` and refused: c dies here
        if (s == PushStatus::ok) ++ok;
        if (s == PushStatus::disconnected) break;
      }
      made.fetch_add(tries + 1);
      accepted.fetch_add(ok);
    });
  }
  long popped = 0;
  while (popped < 20'000) {
    std::optional<Counted> out;
    if (q.pop(out) == PopStatus::ok) ++popped;
  }
  EXPECT_TRUE(q.close());
  for (auto& s : senders) s.join();
  const long before_discard = Counted::destroyed.load();
  q.discard_all();
  const long discarded = Counted::destroyed.load() - before_discard;
  EXPECT_EQ(popped + discarded, accepted.load());
  EXPECT_EQ(Counted::destroyed.load() - before, made.load());
}

TEST(ListQueueTest, CloseUnderLoadLosesNothing) {
  ListQueue<Counted> q;
  close_under_load(q);
}

TEST(ArrayQueueTest, CloseUnderLoadLosesNothing) {
  ArrayQueue<Counted> q(16);
  close_under_load(q);
}

}  // namespace
}  // namespace safelab::own::internal
