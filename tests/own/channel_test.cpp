// Tests of Channel: every operation and every error path (disconnect from
// either side, timeout, full, close with messages still queued, misuse).
#include "safelab/own/channel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace safelab::own {
namespace {

using namespace std::chrono_literals;

// Counts live instances, to see when a channel destroys its messages.
struct Tracked {
  static inline std::atomic<int> live{0};
  int id;
  explicit Tracked(int i) : id(i) { ++live; }
  Tracked(Tracked&& o) noexcept : id(o.id) { ++live; }
  Tracked& operator=(Tracked&&) = default;
  ~Tracked() { --live; }
};

// Tests that messages arrive in the order they were sent.
TEST(OwnChannelTest, DeliversInOrder) {
  auto [tx, rx] = channel<int>();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(tx.send(int{i}).has_value());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rx.recv(), i);
}

// Tests that a move-only message moves through intact.
TEST(OwnChannelTest, CarriesMoveOnlyValues) {
  auto [tx, rx] = channel<std::unique_ptr<std::string>>();
  auto msg = std::make_unique<std::string>("owned");
  ASSERT_TRUE(tx.send(std::move(msg)).has_value());
  auto got = rx.recv();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(**got, "owned");
}

// Tests try_recv on an empty channel with a live sender, then after.
TEST(OwnChannelTest, TryRecvEmptyThenValueThenDisconnected) {
  auto [tx, rx] = channel<int>();
  EXPECT_EQ(rx.try_recv(), err::Err(TryRecvError::kEmpty));
  ASSERT_TRUE(tx.send(3).has_value());
  auto r = rx.try_recv();
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 3);
  tx = Sender<int>();
  EXPECT_EQ(rx.try_recv(), err::Err(TryRecvError::kDisconnected));
}

// Tests that recv_for times out while senders live, and reports a message
// or disconnection otherwise.
TEST(OwnChannelTest, RecvForTimesOut) {
  auto [tx, rx] = channel<int>();
  EXPECT_EQ(rx.recv_for(2ms), err::Err(RecvTimeoutError::kTimeout));
  ASSERT_TRUE(tx.send(8).has_value());
  EXPECT_EQ(*rx.recv_for(2ms), 8);
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.recv_for(2ms), err::Err(RecvTimeoutError::kDisconnected));
}

// Tests that a receiver blocked in recv_for wakes for a message sent later.
TEST(OwnChannelTest, RecvForWakesForLateMessage) {
  auto [tx, rx] = channel<int>();
  std::jthread producer([tx = std::move(tx)]() mutable { EXPECT_TRUE(tx.send(42).has_value()); });
  auto r = rx.recv_for(std::chrono::seconds(30));
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(*r, 42);
}

// Tests that messages queued before the last sender left are still
// delivered, and only then does recv() report disconnection.
TEST(OwnChannelTest, DrainsQueuedMessagesAfterSendersLeave) {
  auto [tx, rx] = channel<std::string>();
  ASSERT_TRUE(tx.send("a").has_value());
  ASSERT_TRUE(tx.send("b").has_value());
  Sender<std::string> copy = tx;
  tx = {};
  ASSERT_TRUE(copy.send("c").has_value());
  copy = {};
  EXPECT_EQ(rx.recv(), "a");
  EXPECT_EQ(rx.recv(), "b");
  EXPECT_EQ(rx.recv(), "c");
  EXPECT_EQ(rx.recv(), err::Err(RecvError{}));
  EXPECT_EQ(rx.recv(), err::Err(RecvError{}));  // stays disconnected
}

// Tests that a receiver blocked in recv() wakes when the last sender goes.
TEST(OwnChannelTest, BlockedRecvWakesOnDisconnect) {
  auto [tx, rx] = channel<int>();
  std::jthread dropper([tx = std::move(tx)]() mutable { tx = {}; });
  EXPECT_EQ(rx.recv(), err::Err(RecvError{}));
}

// Tests that send to a channel without receivers hands the value back.
TEST(OwnChannelTest, SendWithoutReceiverReturnsValue) {
  auto [tx, rx] = channel<std::string>();
  { auto gone = std::move(rx); }
  auto r = tx.send("lost?");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().get_ref(), "lost?");
  EXPECT_EQ(std::move(r).error().into_inner(), "lost?");
}

// Tests that unwrapping a receive that found nothing panics, naming why
// (Rust's Display texts).
TEST(OwnChannelDeathTest, UnwrapOfEmptyTryRecvPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto [tx, rx] = channel<int>();
  EXPECT_DEATH(static_cast<void>(rx.try_recv().unwrap()), "receiving on an empty channel");
  tx = {};
  EXPECT_DEATH(static_cast<void>(rx.recv().unwrap()), "receiving on a closed channel");
}

// Tests that the last receiver destroys the messages still queued.
TEST(OwnChannelTest, LastReceiverDestroysQueuedMessages) {
  const int before = Tracked::live.load();
  auto [tx, rx] = channel<Tracked>();
  ASSERT_TRUE(tx.send(Tracked(1)).has_value());
  ASSERT_TRUE(tx.send(Tracked(2)).has_value());
  ASSERT_TRUE(tx.send(Tracked(3)).has_value());
  EXPECT_EQ(rx.recv()->id, 1);  // the rest are in the receiver's batch now
  EXPECT_EQ(Tracked::live.load(), before + 2);
  { auto gone = std::move(rx); }
  EXPECT_EQ(Tracked::live.load(), before);
}

// Tests that range-for receives until disconnection.
TEST(OwnChannelTest, RangeForEndsAtDisconnect) {
  auto [tx, rx] = channel<int>();
  std::jthread producer([tx = std::move(tx)]() mutable {
    for (int i = 1; i <= 10; ++i) EXPECT_TRUE(tx.send(int{i}).has_value());
  });
  int sum = 0;
  for (int v : rx) sum += v;
  EXPECT_EQ(sum, 55);
}

// Tests that a bounded channel refuses try_send when full and accepts it
// again after a receive.
TEST(OwnBoundedChannelTest, TrySendReportsFull) {
  auto [tx, rx] = bounded_channel<int>(2);
  EXPECT_EQ(tx.capacity(), 2u);
  ASSERT_TRUE(tx.try_send(1).has_value());
  ASSERT_TRUE(tx.try_send(2).has_value());
  auto full = tx.try_send(3);
  ASSERT_FALSE(full);
  EXPECT_TRUE(full.error().is_full());
  EXPECT_EQ(full.error().get_ref(), 3);  // into_inner() is tested with a string below
  EXPECT_EQ(rx.recv(), 1);
  // The second message sits in the receiver's batch: it still counts.
  ASSERT_TRUE(tx.try_send(3).has_value());
  EXPECT_TRUE(tx.try_send(4).error().is_full());
  EXPECT_EQ(rx.recv(), 2);
  EXPECT_EQ(rx.recv(), 3);
}

// Tests that try_send to a channel without receivers reports kDisconnected
// (not kFull) and hands the value back.
TEST(OwnBoundedChannelTest, TrySendWithoutReceiverReportsDisconnected) {
  auto [tx, rx] = bounded_channel<std::string>(1);
  { auto gone = std::move(rx); }
  auto r = tx.try_send("orphan");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), TrySendError<std::string>::Kind::kDisconnected);
  EXPECT_EQ(r.error().get_ref(), "orphan");
  EXPECT_EQ(std::move(r).error().into_inner(), "orphan");
}

// Tests that a blocking send waits for room rather than losing or
// reordering anything.
TEST(OwnBoundedChannelTest, BlockingSendWaitsForRoom) {
  auto [tx, rx] = bounded_channel<int>(1);
  std::jthread producer([tx = std::move(tx)]() mutable {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(tx.send(int{i}).has_value());
  });
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(rx.recv(), i);
  EXPECT_EQ(rx.recv(), err::Err(RecvError{}));
}

// Tests that a sender blocked on a full channel gets its value back when the
// receiver disappears.
TEST(OwnBoundedChannelTest, BlockedSendFailsWhenReceiverLeaves) {
  auto [tx, rx] = bounded_channel<std::string>(1);
  ASSERT_TRUE(tx.send("fills it").has_value());
  std::atomic<bool> about_to_send{false};
  std::string returned;
  std::jthread producer([&, tx = std::move(tx)]() mutable {
    about_to_send = true;
    auto r = tx.send("blocked");
    if (!r) returned = std::move(r).error().into_inner();
  });
  while (!about_to_send) std::this_thread::yield();
  { auto gone = std::move(rx); }
  producer.join();
  EXPECT_EQ(returned, "blocked");
}

// Tests that a capacity too large to allocate up front is refused, SIZE_MAX
// (the internal "unbounded" value) included, with a message naming the limit.
TEST(OwnBoundedChannelTest, HugeCapacityThrowsNamingTheLimit) {
  for (std::size_t huge : {(std::size_t{1} << 40) + 1, std::numeric_limits<std::size_t>::max()}) {
    try {
      static_cast<void>(bounded_channel<int>(huge));
      ADD_FAILURE() << "capacity " << huge << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("exceeds the maximum of 1099511627776"),
                std::string::npos)
          << e.what();
    }
    EXPECT_THROW(static_cast<void>(bounded_mpmc_channel<int>(huge)), std::invalid_argument);
  }
  EXPECT_EQ(bounded_channel<int>(std::size_t{1} << 10).first.capacity(), std::size_t{1} << 10);
}

// Tests that an empty handle refuses to be used.
TEST(OwnChannelTest, EmptyHandlesThrow) {
  Sender<int> tx;
  Receiver<int> rx;
  EXPECT_FALSE(tx);
  EXPECT_THROW(static_cast<void>(tx.send(1)), std::logic_error);
  EXPECT_THROW(static_cast<void>(rx.recv()), std::logic_error);
  auto [tx2, rx2] = channel<int>();
  auto moved = std::move(rx2);
  // NOLINTNEXTLINE(bugprone-use-after-move): using the moved-from handle is the point
  EXPECT_THROW(static_cast<void>(rx2.try_recv()), std::logic_error);
}

// Tests that copies of a SharedReceiver split the messages between them,
// each message exactly once.
TEST(OwnMpmcChannelTest, SharedReceiversSplitMessages) {
  auto [tx, rx] = mpmc_channel<int>();
  SharedReceiver<int> rx2 = rx;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(tx.send(int{i}).has_value());
  tx = {};
  std::vector<int> seen;
  for (int i = 0; i < 5; ++i) seen.push_back(*rx.recv());
  for (int v : rx2) seen.push_back(v);
  EXPECT_EQ(rx.recv(), err::Err(RecvError{}));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

// Tests that the channel stays connected while any SharedReceiver copy
// lives.
TEST(OwnMpmcChannelTest, DisconnectsWhenLastReceiverLeaves) {
  auto [tx, rx] = mpmc_channel<int>();
  {
    SharedReceiver<int> copy = rx;
    rx = SharedReceiver<int>();
    EXPECT_TRUE(tx.send(1).has_value());
  }
  EXPECT_FALSE(tx.send(2).has_value());
}

// Two SharedReceivers blocked in recv() and one sender of `messages`
// messages: every receiver must get one. At most one receiver spins and a
// send that sees it wakes nobody, so the spinner must pass the wake-up on
// to the sleeper when it leaves messages queued; a lost wake-up leaves a
// receiver asleep beside a queued message. Returns how many receivers got
// a message before the watchdog (a hang guard, not a speed limit: the
// exchange takes microseconds) gave up.
int receivers_served(std::size_t capacity) {
  auto [tx, rx] = capacity == 0 ? mpmc_channel<int>() : bounded_mpmc_channel<int>(capacity);
  std::mutex mu;
  std::condition_variable done;
  int served = 0;
  std::atomic<int> started{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&, rx_copy = rx]() mutable {
      ++started;
      const err::Result<int, RecvError> got = rx_copy.recv();
      std::lock_guard hold(mu);
      if (got.has_value()) ++served;
      done.notify_all();
    });
  }
  rx = {};
  while (started.load() < 2) std::this_thread::yield();
  EXPECT_TRUE(tx.send(1).has_value());
  EXPECT_TRUE(tx.send(2).has_value());
  int result = 0;
  {
    std::unique_lock hold(mu);
    done.wait_for(hold, 30s, [&] { return served == 2; });
    result = served;
  }
  tx = {};  // frees a receiver stuck by a lost wake-up, so the join ends
  for (std::thread& t : threads) t.join();
  return result;
}

// Tests that with two receivers waiting (one spinning, one asleep) two
// sends reach both, repeatedly: no lost wake-up, unbounded.
TEST(OwnMpmcChannelTest, BothWaitingReceiversGetAMessage) {
  for (int i = 0; i < 200; ++i) ASSERT_EQ(receivers_served(0), 2) << "round " << i;
}

// Tests the same through a bounded channel.
TEST(OwnMpmcChannelTest, BothWaitingReceiversGetAMessageBounded) {
  for (int i = 0; i < 200; ++i) ASSERT_EQ(receivers_served(4), 2) << "round " << i;
}

}  // namespace
}  // namespace safelab::own
