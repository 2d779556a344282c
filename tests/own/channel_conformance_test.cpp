// Conformance tests of own's channels against Rust's documented behaviour
// (issue 15): the rendezvous channel, bounded_channel(0) = Rust's
// std::sync::mpsc::sync_channel(0) / crossbeam-channel's bounded(0). Each
// test quotes the sentence it checks. tests/conformance/rust/channel_cases.rs
// shows Rust's side (own.conformance.rust_channel_output).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "safelab/own/channel.h"

namespace safelab::own {
namespace {

using namespace std::chrono_literals;

// How long a helper thread waits so that the other side is already blocked
// (a correct channel passes whatever the delay; it only makes the wrong one
// fail reliably).
constexpr auto kDelay = 20ms;

// Retries `attempt` (a non-blocking call) until it succeeds, for up to 10 s,
// a guard against hanging rather than a timing assertion.
template <class Attempt>
auto retry(Attempt attempt) {
  auto r = attempt();
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (!r && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::yield();
    r = attempt();
  }
  return r;
}

// Rust, sync_channel: "Note that a buffer size of 0 is valid, in which case
// this becomes "rendezvous channel" where each send will not return until a
// recv is paired with it." and SyncSender::send: "If the buffer size is 0,
// however, the channel becomes a rendezvous channel and it guarantees that
// the receiver has indeed received the data if this function returns
// success."
TEST(OwnRendezvousChannelConformanceTest, SendReturnsOnlyOnceReceived) {
  auto chan = bounded_channel<int>(0);
  std::atomic<bool> receiving{false};
  std::jthread receiver([&] {
    std::this_thread::sleep_for(kDelay);
    receiving = true;
    EXPECT_EQ(chan.second.recv(), 7);
  });
  ASSERT_TRUE(chan.first.send(7).has_value());
  EXPECT_TRUE(receiving) << "send() returned before any recv() was called";
}

// Rust, SyncSender::try_send: "This method differs from send by returning
// immediately if the channel's buffer is full or no receiver is waiting to
// acquire some data." (TrySendError::Full: "The data could not be sent on
// the sync_channel because it would require that the callee block to send
// the data.")
TEST(OwnRendezvousChannelConformanceTest, TrySendNeedsAWaitingReceiver) {
  auto chan = bounded_channel<std::string>(0);
  auto& tx = chan.first;
  auto r = tx.try_send("nobody waits");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().is_full());
  EXPECT_EQ(std::move(r).error().into_inner(), "nobody waits");

  std::jthread receiver([&] { EXPECT_EQ(chan.second.recv(), "taken"); });
  EXPECT_TRUE(retry([&] { return tx.try_send("taken"); }).has_value());
}

// crossbeam-channel, bounded(0): "a zero-capacity channel ... cannot hold
// any messages. Instead, send and receive operations must appear at the
// same time in order to pair up and pass the message over." So try_recv
// finds a message only while a sender waits in send().
TEST(OwnRendezvousChannelConformanceTest, TryRecvNeedsAWaitingSender) {
  auto chan = bounded_channel<int>(0);
  auto& rx = chan.second;
  EXPECT_EQ(rx.try_recv(), err::Err(TryRecvError::kEmpty));  // a Sender lives, none waits
  EXPECT_EQ(rx.recv_for(5ms), err::Err(RecvTimeoutError::kTimeout));
  std::jthread sender([tx = chan.first]() mutable { EXPECT_TRUE(tx.send(4).has_value()); });
  auto got = retry([&] { return rx.try_recv(); });
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, 4);
}

// Rust, sync_channel: "All data sent on the SyncSender will become available
// on the Receiver in the same order as it was sent."
TEST(OwnRendezvousChannelConformanceTest, DeliversInTheOrderSent) {
  auto chan = bounded_channel<int>(0);
  std::jthread sender([tx = std::move(chan.first)]() mutable {
    for (int i = 0; i < 2000; ++i) ASSERT_TRUE(tx.send(int{i}).has_value());
  });
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(chan.second.recv(), i);
  EXPECT_EQ(chan.second.recv(), err::Err(RecvError{}));  // the sender is gone
}

// Rust, sync_channel: "Like asynchronous channels, if the Receiver is
// disconnected while trying to send with the SyncSender, the send method
// will return a SendError." SendError: "The data which couldn't be sent is
// returned in the error."
TEST(OwnRendezvousChannelConformanceTest, BlockedSendGetsItsMessageBackOnDisconnect) {
  auto chan = bounded_channel<std::unique_ptr<int>>(0);
  std::optional<Receiver<std::unique_ptr<int>>> rx(std::move(chan.second));
  std::unique_ptr<int> back;
  std::jthread sender([&, tx = chan.first]() mutable {
    auto r = tx.send(std::make_unique<int>(7));
    if (!r) back = std::move(r).error().into_inner();
  });
  std::this_thread::sleep_for(kDelay);
  rx.reset();
  sender.join();
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(*back, 7);
  // And afterwards: send and try_send fail at once, try_send as kDisconnected.
  auto& tx = chan.first;
  EXPECT_EQ(std::move(tx.send(std::make_unique<int>(5)).error()).into_inner().operator*(), 5);
  auto t = tx.try_send(std::make_unique<int>(6));
  ASSERT_FALSE(t);
  EXPECT_TRUE(t.error().is_disconnected());
}

// Rust, sync_channel: "Similarly, If the SyncSender is disconnected while
// trying to recv, the recv method will return a RecvError." and
// TryRecvError::Disconnected: "The channel's sending half has become
// disconnected, and there will never be any more data received on it."
TEST(OwnRendezvousChannelConformanceTest, BlockedRecvFailsWhenTheSendersGo) {
  auto chan = bounded_channel<int>(0);
  std::optional<Sender<int>> tx(std::move(chan.first));
  auto& rx = chan.second;
  std::jthread receiver([&] { EXPECT_EQ(rx.recv(), err::Err(RecvError{})); });
  std::this_thread::sleep_for(kDelay);
  tx.reset();
  receiver.join();
  EXPECT_EQ(rx.try_recv(), err::Err(TryRecvError::kDisconnected));
  EXPECT_EQ(rx.recv_for(1s), err::Err(RecvTimeoutError::kDisconnected));
}

// crossbeam-channel, Sender::capacity: "If the channel is bounded, returns
// its capacity." (its example: `let (s, _) = bounded::<i32>(0);
// assert_eq!(s.capacity(), Some(0));`). And bounded(0) with several
// receivers still hands each message to exactly one of them.
TEST(OwnRendezvousChannelConformanceTest, MpmcRendezvousDeliversEachMessageOnce) {
  auto chan = bounded_mpmc_channel<int>(0);
  EXPECT_EQ(chan.first.capacity(), std::optional<std::size_t>(0));
  constexpr int kMessages = 2000;
  std::vector<int> seen(kMessages, 0);
  std::atomic<int> total{0};
  {
    std::vector<std::jthread> receivers;
    for (int r = 0; r < 2; ++r) {
      receivers.emplace_back([&, rx = chan.second]() mutable {
        for (int& m : rx) {
          seen[static_cast<std::size_t>(m)] += 1;  // distinct indices: no race unless duplicated
          ++total;
        }
      });
    }
    chan.second = {};
    std::jthread sender([tx = std::move(chan.first)]() mutable {
      for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(tx.send(int{i}).has_value());
    });
  }
  EXPECT_EQ(total, kMessages);
  for (int i = 0; i < kMessages; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], 1) << i;
}

// A Copy type (trivially copyable) and what send() accepts.
struct Point {
  int x;
  int y;
};
template <class T, class Arg>
concept CanSend = requires(Sender<T>& tx, Arg&& a) {
  tx.send(std::forward<Arg>(a));
};
template <class T, class Arg>
concept CanTrySend = requires(Sender<T>& tx, Arg&& a) {
  tx.try_send(std::forward<Arg>(a));
};

// Rust: std::marker::Copy: "Types whose values can be duplicated simply by
// copying bits." So `tx.send(i)` with `i: u64` compiles, sends a copy, and
// `i` stays usable.
// Differs: a non-Copy lvalue (`tx.send(s)`, `s: String`) is moved in Rust and
// `s` is then unusable (E0382); C++ cannot mark `s` moved, so send(s) does not
// compile and the move is spelled std::move(s). Only trivially copyable types
// (Rust's Copy) are taken by copy.
TEST(OwnChannelConformanceTest, SendCopiesCopyLvalues) {
  static_assert(CanSend<int, int&> && CanTrySend<int, int&>);
  static_assert(CanSend<Point, const Point&> && CanTrySend<Point, Point&>);
  static_assert(!CanSend<std::string, std::string&> && !CanTrySend<std::string, std::string&>);
  static_assert(!CanSend<std::unique_ptr<int>, std::unique_ptr<int>&>);
  static_assert(CanSend<std::string, std::string&&>);  // std::move(s)

  auto [tx, rx] = channel<Point>();
  Point p{1, 2};
  ASSERT_TRUE(tx.send(p).has_value());
  p.x = 3;  // still ours: the channel got a copy
  ASSERT_TRUE(tx.try_send(p).has_value());
  EXPECT_EQ(rx.recv()->x, 1);
  EXPECT_EQ(rx.recv()->x, 3);
  EXPECT_EQ(p.y, 2);

  auto [btx, brx] = bounded_channel<int>(1);
  int i = 5;
  ASSERT_TRUE(btx.send(i).has_value());
  auto full = btx.try_send(i);  // the copy comes back in the error
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().get_ref(), 5);
  EXPECT_EQ(brx.recv(), 5);
  EXPECT_EQ(i, 5);
}

}  // namespace
}  // namespace safelab::own
