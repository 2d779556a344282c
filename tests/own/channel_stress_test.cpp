// Stress tests of Channel: N producers x M consumers x 10^5+ messages, each
// message checked exactly once, each producer's order preserved as every
// consumer sees it. Sized to stay within seconds under ThreadSanitizer on
// two cores.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "safelab/own/channel.h"
#include "safelab/own/scope.h"

namespace safelab::own {
namespace {

struct Message {
  std::uint32_t producer;
  std::uint32_t seq;
};

constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);

struct Shape {
  int producers;
  int consumers;
  std::size_t capacity;  // kUnbounded, or a bound (0: rendezvous)
  int per_producer;
};

std::string describe(const Shape& s) {
  return std::to_string(s.producers) + "x" + std::to_string(s.consumers) +
         (s.capacity == kUnbounded ? " unbounded" : " bounded " + std::to_string(s.capacity));
}

// Runs one shape and checks exactly-once delivery and per-producer order.
template <class Rx>
void run_shape(const Shape& shape, Sender<Message> tx, Rx rx) {
  // seen[c][p]: what consumer c received from producer p, in order.
  std::vector<std::vector<std::vector<std::uint32_t>>> seen(
      static_cast<std::size_t>(shape.consumers),
      std::vector<std::vector<std::uint32_t>>(static_cast<std::size_t>(shape.producers)));
  scope([&](Scope& s) {
    for (int p = 0; p < shape.producers; ++p) {
      s.spawn(
          [&shape](Sender<Message> out, std::uint32_t id) {
            for (int i = 0; i < shape.per_producer; ++i) {
              if (!out.send(Message{id, static_cast<std::uint32_t>(i)}).has_value()) {
                throw std::runtime_error("send failed while receivers live");
              }
            }
          },
          tx, static_cast<std::uint32_t>(p));
    }
    tx = {};  // only the producers' copies keep the channel open
    for (int c = 0; c < shape.consumers; ++c) {
      // Every consumer but the last gets a copy (SharedReceiver only); the
      // last takes ours, so no receiver outlives the consumers.
      Rx handle = [&]() -> Rx {
        if constexpr (std::is_copy_constructible_v<Rx>) {
          if (c + 1 < shape.consumers) return Rx(rx);
        }
        return std::move(rx);
      }();
      s.spawn(
          [&seen, c](Rx in) {
            auto& mine = seen[static_cast<std::size_t>(c)];
            for (const Message& m : in) mine[m.producer].push_back(m.seq);
          },
          std::move(handle));
    }
  });
  for (int p = 0; p < shape.producers; ++p) {
    std::vector<int> count(static_cast<std::size_t>(shape.per_producer), 0);
    for (int c = 0; c < shape.consumers; ++c) {
      const auto& got = seen[static_cast<std::size_t>(c)][static_cast<std::size_t>(p)];
      for (std::size_t i = 1; i < got.size(); ++i) {
        ASSERT_LT(got[i - 1], got[i])
            << describe(shape) << ": producer " << p << " reordered at consumer " << c;
      }
      for (std::uint32_t seq : got) ++count[seq];
    }
    for (int i = 0; i < shape.per_producer; ++i) {
      ASSERT_EQ(count[static_cast<std::size_t>(i)], 1)
          << describe(shape) << ": producer " << p << " message " << i
          << (count[static_cast<std::size_t>(i)] == 0 ? " lost" : " duplicated");
    }
  }
}

// Tests 4 producers into one consumer, unbounded: 10^5 messages.
TEST(OwnChannelStressTest, FourProducersOneConsumerUnbounded) {
  const Shape shape{4, 1, kUnbounded, 25'000};
  auto [tx, rx] = channel<Message>();
  run_shape(shape, std::move(tx), std::move(rx));
}

// Tests 3 producers into one consumer through a small bound (constant
// back-pressure): 1.2 x 10^5 messages.
TEST(OwnChannelStressTest, ThreeProducersOneConsumerBounded) {
  const Shape shape{3, 1, 16, 40'000};
  auto [tx, rx] = bounded_channel<Message>(shape.capacity);
  run_shape(shape, std::move(tx), std::move(rx));
}

// Tests 2 producers into 3 competing consumers, unbounded: 10^5 messages.
TEST(OwnChannelStressTest, TwoProducersThreeConsumersUnbounded) {
  const Shape shape{2, 3, kUnbounded, 50'000};
  auto [tx, rx] = mpmc_channel<Message>();
  run_shape(shape, std::move(tx), std::move(rx));
}

// Tests 3 producers into 2 competing consumers through a bound of 8:
// 1.2 x 10^5 messages.
TEST(OwnChannelStressTest, ThreeProducersTwoConsumersBounded) {
  const Shape shape{3, 2, 8, 40'000};
  auto [tx, rx] = bounded_mpmc_channel<Message>(shape.capacity);
  run_shape(shape, std::move(tx), std::move(rx));
}

// Tests 2 producers into 2 competing consumers through a bound of 1: every
// send meets a full channel and every receive an empty one.
TEST(OwnChannelStressTest, TwoProducersTwoConsumersCapacityOne) {
  const Shape shape{2, 2, 1, 25'000};
  auto [tx, rx] = bounded_mpmc_channel<Message>(shape.capacity);
  run_shape(shape, std::move(tx), std::move(rx));
}

// Tests 3 producers into 2 competing consumers through a rendezvous channel
// (capacity 0): every message handed over directly. 3 x 10^4 messages.
TEST(OwnChannelStressTest, ThreeProducersTwoConsumersRendezvous) {
  const Shape shape{3, 2, 0, 10'000};
  auto [tx, rx] = bounded_mpmc_channel<Message>(0);
  run_shape(shape, std::move(tx), std::move(rx));
}

// Tests 2 producers into one consumer through a rendezvous channel.
TEST(OwnChannelStressTest, TwoProducersOneConsumerRendezvous) {
  const Shape shape{2, 1, 0, 15'000};
  auto [tx, rx] = bounded_channel<Message>(0);
  run_shape(shape, std::move(tx), std::move(rx));
}

// A message that counts live values destroyed (a moved-from one holds none).
struct Counted {
  static inline std::atomic<long> destroyed{0};
  std::unique_ptr<int> value = std::make_unique<int>(0);
  Counted() = default;
  Counted(Counted&&) noexcept = default;
  Counted& operator=(Counted&&) noexcept = default;
  ~Counted() {
    if (value) destroyed.fetch_add(1, std::memory_order_relaxed);
  }
};

// Two producers send until the receivers are gone; two shared receivers
// take 20'000 messages between them and leave. Every message made is
// destroyed exactly once: received, refused (handed back to its sender) or
// still queued when the last receiver left.
void receivers_leave_under_load(std::pair<Sender<Counted>, SharedReceiver<Counted>> chan) {
  const long before = Counted::destroyed.load();
  auto& tx = chan.first;  // not a structured binding: Clang 14 cannot capture one
  auto& rx = chan.second;
  std::atomic<long> made{0};
  std::atomic<long> received{0};
  scope([&](Scope& s) {
    for (int p = 0; p < 2; ++p) {
      s.spawn(
          [&made](Sender<Counted> out) {
            long mine = 0;
            for (;;) {
              ++mine;
              if (!out.send(Counted{})) break;  // disconnected: the only error of send()
            }
            made.fetch_add(mine);
          },
          tx);
    }
    tx = {};
    auto consume = [&received](SharedReceiver<Counted> in) {
      while (received.load() < 20'000) {
        if (in.recv_for(std::chrono::milliseconds(50))) received.fetch_add(1);
      }
    };
    s.spawn(consume, SharedReceiver<Counted>(rx));
    s.spawn(consume, std::move(rx));
  });
  EXPECT_GE(received.load(), 20'000);
  EXPECT_EQ(Counted::destroyed.load() - before, made.load());
}

TEST(OwnChannelStressTest, ReceiversLeaveUnderLoadUnbounded) {
  receivers_leave_under_load(mpmc_channel<Counted>());
}

TEST(OwnChannelStressTest, ReceiversLeaveUnderLoadBounded) {
  receivers_leave_under_load(bounded_mpmc_channel<Counted>(8));
}

TEST(OwnChannelStressTest, ReceiversLeaveUnderLoadRendezvous) {
  receivers_leave_under_load(bounded_mpmc_channel<Counted>(0));
}

}  // namespace
}  // namespace safelab::own
