// Tests of the arenas: objects live exactly as long as their arena,
// alignment holds, and indices cannot cross arenas.
#include "safelab/mem/arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using safelab::mem::Arena;
using safelab::mem::Index;
using safelab::mem::IndexArena;

struct Tracked {
  Tracked(std::vector<int>* destroyed, int n) : log(destroyed), id(n) {}
  ~Tracked() { log->push_back(id); }
  std::vector<int>* log;
  int id;
};

// Tests that objects stay valid for the arena's life and are destroyed when
// it ends, newest first, exactly once.
TEST(ArenaTest, DestroysObjectsNewestFirstAtEnd) {
  std::vector<int> log;
  {
    Arena arena(64);  // small chunks: force several
    std::vector<Tracked*> made;
    for (int i = 0; i < 100; ++i) made.push_back(&arena.make<Tracked>(&log, i));
    for (int i = 0; i < 100; ++i) EXPECT_EQ(made[static_cast<std::size_t>(i)]->id, i);
    EXPECT_TRUE(log.empty());
  }
  ASSERT_EQ(log.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(log[static_cast<std::size_t>(i)], 99 - i);
}

// Tests that reset() destroys everything and the arena is reusable with no
// new chunk (the largest one is kept).
TEST(ArenaTest, ResetDestroysAndReusesMemory) {
  std::vector<int> log;
  Arena arena(1024);
  for (int i = 0; i < 10; ++i) arena.make<Tracked>(&log, i);
  arena.make<std::string>(200, 'x');
  const std::size_t reserved = arena.bytes_reserved();
  arena.reset();
  EXPECT_EQ(log.size(), 10u);
  EXPECT_EQ(arena.bytes_used(), 0u);
  EXPECT_GT(arena.bytes_reserved(), 0u);
  arena.make<int>(1);
  EXPECT_LE(arena.bytes_reserved(), reserved);
}

// Tests alignment of every allocation, large requests, and bad alignment.
TEST(ArenaTest, AlignmentAndLargeRequests) {
  Arena arena(64);
  for (std::size_t align : {1u, 2u, 4u, 8u, 16u}) {
    arena.allocate(1, 1);  // misalign the cursor
    void* p = arena.allocate(3, align);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u) << align;
  }
  auto* big = static_cast<char*>(arena.allocate(1 << 20, 16));
  big[(1 << 20) - 1] = 'z';  // the whole request is usable
  EXPECT_EQ(big[(1 << 20) - 1], 'z');
  EXPECT_THROW(arena.allocate(8, 3), std::invalid_argument);
  EXPECT_THROW(arena.allocate(8, 4096), std::invalid_argument);
}

struct GraphNode {
  int value;
  std::optional<Index<GraphNode>> parent;
  std::vector<Index<GraphNode>> children;
};

// Tests a graph with back links held as indices: the indices stay valid
// across growth, where references would not.
TEST(IndexArenaTest, IndicesSurviveGrowth) {
  IndexArena<GraphNode> nodes;
  const Index<GraphNode> root = nodes.emplace(GraphNode{0, std::nullopt, {}});
  for (int i = 1; i < 1000; ++i) {
    const Index<GraphNode> child = nodes.emplace(GraphNode{i, root, {}});
    nodes[root].children.push_back(child);  // re-index after emplace: no stale reference
  }
  EXPECT_EQ(nodes.size(), 1000u);
  EXPECT_EQ(nodes[root].children.size(), 999u);
  const Index<GraphNode> last = nodes[root].children.back();
  EXPECT_EQ(nodes[last].value, 999);
  EXPECT_EQ(*nodes[last].parent, root);
  EXPECT_EQ(nodes.index_of(5).value(), 5u);
}

// Tests that an index from another arena is refused by get().
TEST(IndexArenaTest, ForeignIndexIsRefusedByGet) {
  IndexArena<GraphNode> a;
  IndexArena<GraphNode> b;
  const Index<GraphNode> ia = a.emplace(GraphNode{1, std::nullopt, {}});
  b.emplace(GraphNode{2, std::nullopt, {}});
  EXPECT_NE(a.get(ia), nullptr);
  EXPECT_EQ(b.get(ia), nullptr);
  EXPECT_FALSE(b.owns(ia));
  IndexArena<GraphNode> copy = a;  // a clone accepts the same indices
  EXPECT_EQ(copy[ia].value, 1);
}

class IndexArenaDeathTest : public testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// Tests that operator[] with another arena's index panics clearly.
TEST_F(IndexArenaDeathTest, ForeignIndexPanics) {
  IndexArena<GraphNode> a;
  IndexArena<GraphNode> b;
  const Index<GraphNode> ia = a.emplace(GraphNode{1, std::nullopt, {}});
  EXPECT_DEATH(b[ia].value = 3, "index from another arena");
}

}  // namespace
