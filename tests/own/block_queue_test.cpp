// Tests of internal::BlockQueue, the storage of a Channel's queue: FIFO order
// across block boundaries, the batch hand-off (take_all) and that every
// element is destroyed exactly once (the ASan build turns a leak or a double
// destruction of the std::unique_ptr payloads into a failure).
#include "safelab/own/internal/block_queue.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>

namespace {

using safelab::own::internal::BlockQueue;

struct Kib {
  std::array<unsigned char, 1024> bytes;
  int id;
};

// Pops everything, checking the values are first, first + 1, ...
template <class Queue>
int DrainCountingFrom(Queue& q, int first) {
  std::optional<std::unique_ptr<int>> out;
  while (!q.empty()) {
    q.pop_front_into(out);
    EXPECT_EQ(**out, first);
    ++first;
  }
  return first;
}

// Tests that elements come out in FIFO order across many blocks.
TEST(BlockQueueTest, FifoAcrossBlocks) {
  BlockQueue<std::unique_ptr<int>> q;
  const int n = static_cast<int>(BlockQueue<std::unique_ptr<int>>::kPerBlock) * 5 + 3;
  for (int i = 0; i < n; ++i) q.push_back(std::make_unique<int>(i));
  EXPECT_EQ(q.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(DrainCountingFrom(q, 0), n);
  EXPECT_TRUE(q.empty());
}

// Tests interleaved pushes and pops that wrap over block ends many times.
TEST(BlockQueueTest, InterleavedPushPop) {
  BlockQueue<Kib> q;  // a few messages per block: many block switches
  std::optional<Kib> out;
  int next_in = 0;
  int next_out = 0;
  for (int round = 0; round < 200; ++round) {
    for (int i = 0; i < round % 7 + 1; ++i) q.push_back(Kib{{}, next_in++});
    for (int i = 0; i < round % 5 + 1 && !q.empty(); ++i) {
      q.pop_front_into(out);
      EXPECT_EQ(out->id, next_out++);
    }
  }
  while (!q.empty()) {
    q.pop_front_into(out);
    EXPECT_EQ(out->id, next_out++);
  }
  EXPECT_EQ(next_out, next_in);
}

// Tests that take_all moves every element, in order, and leaves the source
// empty and usable.
TEST(BlockQueueTest, TakeAllMovesTheBatch) {
  BlockQueue<std::unique_ptr<int>> shared;
  BlockQueue<std::unique_ptr<int>> local;
  int next = 0;
  int expected = 0;
  for (int batch = 0; batch < 20; ++batch) {
    for (int i = 0; i < 1000 + batch * 37; ++i) shared.push_back(std::make_unique<int>(next++));
    local.take_all(shared);
    EXPECT_TRUE(shared.empty());
    expected = DrainCountingFrom(local, expected);
  }
  EXPECT_EQ(expected, next);
}

// Tests that clear() and the destructor destroy what is still queued.
TEST(BlockQueueTest, ClearAndDestroyReleaseElements) {
  auto counter = std::make_shared<int>(0);
  {
    BlockQueue<std::shared_ptr<int>> q;
    for (int i = 0; i < 5000; ++i) q.push_back(std::shared_ptr<int>(counter));
    EXPECT_EQ(counter.use_count(), 5001);
    q.clear();
    EXPECT_EQ(counter.use_count(), 1);
    EXPECT_TRUE(q.empty());
    for (int i = 0; i < 3000; ++i) q.push_back(std::shared_ptr<int>(counter));
    EXPECT_EQ(counter.use_count(), 3001);
  }
  EXPECT_EQ(counter.use_count(), 1);
}

}  // namespace
