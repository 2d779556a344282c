// Tests of the cycle collector: what reference counting frees on its own,
// what only collect() frees, what must survive, finalizer and resurrection
// semantics (PEP 442), the generational thresholds and the statistics.
#include "safelab/mem/gc.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace {

using safelab::mem::gc::Heap;
using safelab::mem::gc::Object;
using safelab::mem::gc::Ref;
using safelab::mem::gc::Thresholds;
using safelab::mem::gc::Visitor;

// A node with outgoing references that counts its finalizer calls and its
// destruction into counters owned by the test.
struct Counters {
  int finalized = 0;
  int destroyed = 0;
};

struct Node : Object {
  explicit Node(Counters* c = nullptr, int v = 0) : counters(c), value(v) {}
  ~Node() override {
    if (counters != nullptr) ++counters->destroyed;
  }
  void traverse(Visitor& visit) override {
    for (Ref<Node>& e : edges) visit(e);
  }
  void finalize() override {
    if (counters != nullptr) ++counters->finalized;
  }

  Counters* counters;
  int value;
  std::vector<Ref<Node>> edges;
};

// Tests that acyclic garbage is freed by reference counting alone, at once.
TEST(GcHeapTest, RefcountingFreesAcyclicGarbageImmediately) {
  Heap heap;
  Counters c;
  {
    Ref<Node> a = heap.make<Node>(&c);
    a->edges.push_back(heap.make<Node>(&c));
    EXPECT_EQ(heap.tracked(), 2u);
  }
  EXPECT_EQ(c.destroyed, 2);
  EXPECT_EQ(c.finalized, 2);
  EXPECT_EQ(heap.tracked(), 0u);
  EXPECT_EQ(heap.stats().objects_freed, 0u);  // the collector did nothing
}

// Tests that a cycle survives its last external reference until collect(),
// which frees it and reports how many objects it found.
TEST(GcHeapTest, CollectFreesUnreachableCycle) {
  Heap heap;
  heap.disable();
  Counters c;
  {
    Ref<Node> a = heap.make<Node>(&c);
    Ref<Node> b = heap.make<Node>(&c);
    a->edges.push_back(b);
    b->edges.push_back(a);
    Ref<Node> self = heap.make<Node>(&c);
    self->edges.push_back(self);
  }
  EXPECT_EQ(c.destroyed, 0);
  EXPECT_EQ(heap.tracked(), 3u);
  EXPECT_EQ(heap.collect(), 3u);
  EXPECT_EQ(c.destroyed, 3);
  EXPECT_EQ(heap.tracked(), 0u);
  EXPECT_EQ(heap.stats().objects_freed, 3u);
}

// Tests that objects reachable from an outside Ref survive a collection,
// including a cycle hanging off them, and are intact afterwards.
TEST(GcHeapTest, CollectKeepsReachableObjects) {
  Heap heap;
  heap.disable();
  Counters c;
  Ref<Node> root = heap.make<Node>(&c, 1);
  {
    Ref<Node> x = heap.make<Node>(&c, 2);
    Ref<Node> y = heap.make<Node>(&c, 3);
    x->edges.push_back(y);
    y->edges.push_back(x);
    root->edges.push_back(x);
    Ref<Node> garbage = heap.make<Node>(&c, 4);
    garbage->edges.push_back(garbage);
  }
  EXPECT_EQ(heap.collect(), 1u);
  EXPECT_EQ(c.destroyed, 1);
  ASSERT_EQ(root->edges.size(), 1u);
  EXPECT_EQ(root->edges[0]->value, 2);
  EXPECT_EQ(root->edges[0]->edges[0]->value, 3);
  EXPECT_EQ(root->edges[0]->edges[0]->edges[0], root->edges[0]);
  root.reset();  // now the x <-> y cycle is garbage
  EXPECT_EQ(c.destroyed, 2);
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(c.destroyed, 4);
}

// Tests that an object referenced only from a garbage cycle but also from
// a live object elsewhere is kept (its external reference counts).
TEST(GcHeapTest, CollectKeepsObjectSharedWithLiveData) {
  Heap heap;
  heap.disable();
  Counters c;
  Ref<Node> shared = heap.make<Node>(&c, 7);
  {
    Ref<Node> a = heap.make<Node>(&c);
    a->edges.push_back(a);
    a->edges.push_back(shared);
  }
  EXPECT_EQ(heap.collect(), 1u);
  EXPECT_EQ(shared.use_count(), 1u);
  EXPECT_EQ(shared->value, 7);
}

// Tests that a finalizer runs exactly once, whether its object dies in a
// cycle or by reference counting, and sees its neighbours intact.
TEST(GcHeapTest, FinalizersRunExactlyOnce) {
  struct Peer : Object {
    void traverse(Visitor& visit) override { visit(other); }
    void finalize() override {
      ++runs;
      if (other) seen_value = other->value;  // the neighbour is still intact
    }
    Ref<Peer> other;
    int value = 0;
    int runs = 0;
    int seen_value = -1;
    std::vector<int>* log = nullptr;
    ~Peer() override { log->push_back(runs); }
  };
  Heap heap;
  heap.disable();
  std::vector<int> runs_at_destruction;
  {
    Ref<Peer> a = heap.make<Peer>();
    Ref<Peer> b = heap.make<Peer>();
    a->log = b->log = &runs_at_destruction;
    a->value = 1;
    b->value = 2;
    a->other = b;
    b->other = a;
  }
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(runs_at_destruction, (std::vector<int>{1, 1}));
  EXPECT_EQ(heap.collect(), 0u);
  EXPECT_EQ(heap.stats().finalizers_run, 2u);
}

// Tests resurrection from a cycle: a finalizer that stores a Ref to its
// object keeps the whole cycle alive; its finalizer never runs again, and
// once dropped for good the cycle is freed without finalizing twice.
TEST(GcHeapTest, ResurrectedCycleSurvivesAndIsNotFinalizedAgain) {
  struct Phoenix : Object {
    void traverse(Visitor& visit) override { visit(other); }
    void finalize() override {
      ++*finalized;
      if (rescue != nullptr) *rescue = Ref<Phoenix>::from_this(this);
    }
    Ref<Phoenix> other;
    Ref<Phoenix>* rescue = nullptr;
    int* finalized = nullptr;
  };
  Heap heap;
  heap.disable();
  int finalized = 0;
  Ref<Phoenix> saved;
  {
    Ref<Phoenix> a = heap.make<Phoenix>();
    Ref<Phoenix> b = heap.make<Phoenix>();
    a->finalized = b->finalized = &finalized;
    a->rescue = &saved;
    a->other = b;
    b->other = a;
  }
  EXPECT_EQ(heap.collect(), 0u);  // both came back: nothing freed
  EXPECT_EQ(finalized, 2);
  EXPECT_EQ(heap.stats().resurrected, 2u);
  ASSERT_TRUE(saved);
  EXPECT_TRUE(saved->is_finalized());
  EXPECT_TRUE(saved->other->is_finalized());
  EXPECT_EQ(heap.tracked(), 2u);

  saved->rescue = nullptr;
  saved.reset();
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(finalized, 2);  // not again
  EXPECT_EQ(heap.tracked(), 0u);
}

// Tests resurrection on the reference-counting path: the object lives on,
// and its finalizer does not run when it dies for good.
TEST(GcHeapTest, ResurrectionFromRefcountDeallocation) {
  struct Lazarus : Object {
    void finalize() override {
      ++*finalized;
      if (rescue != nullptr) *rescue = Ref<Lazarus>::from_this(this);
    }
    Ref<Lazarus>* rescue = nullptr;
    int* finalized = nullptr;
  };
  Heap heap;
  int finalized = 0;
  Ref<Lazarus> saved;
  {
    Ref<Lazarus> l = heap.make<Lazarus>();
    l->rescue = &saved;
    l->finalized = &finalized;
  }
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved.use_count(), 1u);
  EXPECT_EQ(heap.tracked(), 1u);
  EXPECT_EQ(heap.stats().resurrected, 1u);
  saved->rescue = nullptr;
  saved.reset();
  EXPECT_EQ(finalized, 1);
  EXPECT_EQ(heap.tracked(), 0u);
}

// Tests that a finalizer's exception is reported and counted, never
// propagated, and does not stop the cycle from being freed.
TEST(GcHeapTest, FinalizerExceptionIsIgnoredAndCounted) {
  struct Thrower : Object {
    void traverse(Visitor& visit) override { visit(self); }
    void finalize() override { throw std::runtime_error("boom"); }
    Ref<Thrower> self;
  };
  Heap heap;
  heap.disable();
  {
    Ref<Thrower> t = heap.make<Thrower>();
    t->self = t;
  }
  testing::internal::CaptureStderr();
  EXPECT_EQ(heap.collect(), 1u);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("exception ignored in"), std::string::npos) << err;
  EXPECT_NE(err.find("boom"), std::string::npos) << err;
  EXPECT_EQ(heap.stats().finalizer_errors, 1u);
}

// Tests the generation-0 threshold: the 701st net allocation triggers one
// automatic collection, which frees the cycles made so far.
TEST(GcHeapTest, Generation0ThresholdTriggersAutomaticCollection) {
  Heap heap;
  ASSERT_EQ(heap.get_threshold().gen0, 700);
  std::vector<Ref<Node>> keep;
  for (int i = 0; i < 700; ++i) keep.push_back(heap.make<Node>());
  EXPECT_EQ(heap.get_count()[0], 700);
  EXPECT_EQ(heap.stats().generations[0].collections, 0u);
  keep.push_back(heap.make<Node>());
  EXPECT_EQ(heap.stats().generations[0].collections, 1u);
  EXPECT_EQ(heap.get_count()[0], 0);
  EXPECT_EQ(heap.get_count()[1], 1);
}

// Tests that deallocations count against the generation-0 threshold, as in
// CPython: short-lived objects never trigger a collection.
TEST(GcHeapTest, DeallocationsDecrementGeneration0Count) {
  Heap heap;
  for (int i = 0; i < 10'000; ++i) {
    Ref<Node> temp = heap.make<Node>();
  }
  EXPECT_EQ(heap.get_count()[0], 0);
  EXPECT_EQ(heap.stats().generations[0].collections, 0u);
}

// Tests that older generations are collected after `threshold` collections
// of the younger one, and that survivors are promoted.
TEST(GcHeapTest, OlderGenerationsFollowTheirThresholds) {
  Heap heap(Thresholds{.gen0 = 10, .gen1 = 2, .gen2 = 2});
  std::vector<Ref<Node>> keep;
  for (int i = 0; i < 200; ++i) keep.push_back(heap.make<Node>());
  const auto stats = heap.stats();
  EXPECT_GT(stats.generations[0].collections, 0u);
  EXPECT_GT(stats.generations[1].collections, 0u);
  EXPECT_GT(stats.generations[2].collections, 0u);
  EXPECT_EQ(stats.objects_freed, 0u);  // nothing was garbage
  EXPECT_EQ(heap.tracked(), 200u);
}

// Tests that disable() stops automatic collection and enable() resumes it.
TEST(GcHeapTest, DisableStopsAutomaticCollection) {
  Heap heap;
  heap.disable();
  EXPECT_FALSE(heap.is_enabled());
  Counters c;
  for (int i = 0; i < 2000; ++i) {
    Ref<Node> n = heap.make<Node>(&c);
    n->edges.push_back(n);
  }
  EXPECT_EQ(heap.stats().generations[0].collections, 0u);
  EXPECT_EQ(c.destroyed, 0);
  EXPECT_EQ(heap.get_count()[0], 2000);
  heap.enable();
  EXPECT_TRUE(heap.is_enabled());
  { Ref<Node> trigger = heap.make<Node>(&c); }
  EXPECT_EQ(heap.stats().generations[0].collections, 1u);
  EXPECT_EQ(c.destroyed, 2001);
}

// Tests that collect(generation) only scans the generations asked for: an
// unreachable cycle promoted to generation 1 survives collect(0).
TEST(GcHeapTest, CollectGenerationScansOnlyYoungerGenerations) {
  Heap heap;
  heap.disable();
  Counters c;
  Ref<Node> holder = heap.make<Node>(&c);
  {
    Ref<Node> a = heap.make<Node>(&c);
    a->edges.push_back(a);
    holder->edges.push_back(a);
  }
  EXPECT_EQ(heap.collect(0), 0u);  // reachable: promoted to generation 1
  holder->edges.clear();           // now garbage, but in generation 1
  EXPECT_EQ(heap.collect(0), 0u);
  EXPECT_EQ(c.destroyed, 0);
  EXPECT_EQ(heap.collect(1), 1u);
  EXPECT_EQ(c.destroyed, 1);
}

// Tests that an invalid generation or threshold is a clear error.
TEST(GcHeapTest, InvalidArgumentsThrow) {
  Heap heap;
  EXPECT_THROW(heap.collect(3), std::invalid_argument);
  EXPECT_THROW(heap.collect(-1), std::invalid_argument);
  EXPECT_THROW(heap.set_threshold({.gen0 = -1}), std::invalid_argument);
  EXPECT_THROW(Heap(Thresholds{.gen0 = 1, .gen1 = -2}), std::invalid_argument);
}

// Tests that the pause statistics count every collection and are ordered.
TEST(GcHeapTest, PauseStatisticsAreConsistent) {
  Heap heap;
  for (int i = 0; i < 5; ++i) heap.collect(0);
  heap.collect(2);
  const auto stats = heap.stats();
  EXPECT_EQ(stats.generations[0].pauses.count, 5u);
  EXPECT_EQ(stats.generations[2].pauses.count, 1u);
  EXPECT_EQ(stats.pauses.count, 6u);
  EXPECT_LE(stats.pauses.p50, stats.pauses.p99);
  EXPECT_LE(stats.pauses.p99, stats.pauses.max);
  EXPECT_LE(stats.pauses.max, stats.pauses.total);
  heap.reset_stats();
  EXPECT_EQ(heap.stats().pauses.count, 0u);
}

// Tests that dropping a 300,000-node chain does not recurse per node (the
// trashcan), and that collecting a ring that long works as well.
TEST(GcHeapTest, LongChainsFreeWithoutDeepRecursion) {
  Heap heap;
  Counters c;
  constexpr int kNodes = 300'000;  // deep enough to overflow an 8 MiB stack if recursive
  {
    Ref<Node> head = heap.make<Node>(&c);
    Ref<Node> tail = head;
    for (int i = 1; i < kNodes; ++i) {
      Ref<Node> next = heap.make<Node>(&c);
      tail->edges.push_back(next);
      tail = std::move(next);
    }
  }
  EXPECT_EQ(c.destroyed, kNodes);

  heap.disable();
  Counters ring;
  {
    Ref<Node> head = heap.make<Node>(&ring);
    Ref<Node> tail = head;
    for (int i = 1; i < kNodes; ++i) {
      Ref<Node> next = heap.make<Node>(&ring);
      tail->edges.push_back(next);
      tail = std::move(next);
    }
    tail->edges.push_back(head);
  }
  EXPECT_EQ(heap.collect(), static_cast<std::size_t>(kNodes));
  EXPECT_EQ(ring.destroyed, kNodes);
}

// Tests that destroying a heap frees its garbage and leaves objects still
// referenced usable, untracked, and freed later by reference counting.
TEST(GcHeapTest, HeapDestructionDisownsSurvivors) {
  Counters c;
  Ref<Node> survivor;
  {
    Heap heap;
    heap.disable();
    survivor = heap.make<Node>(&c, 5);
    survivor->edges.push_back(heap.make<Node>(&c, 6));
    Ref<Node> garbage = heap.make<Node>(&c);
    garbage->edges.push_back(garbage);
  }
  EXPECT_EQ(c.destroyed, 1);
  EXPECT_FALSE(survivor->is_tracked());
  EXPECT_EQ(survivor->edges[0]->value, 6);
  survivor.reset();
  EXPECT_EQ(c.destroyed, 3);
}

// Tests Ref's value semantics: counts, conversion to a base, self-assignment.
TEST(GcRefTest, CountsConversionsAndSelfAssignment) {
  Heap heap;
  Ref<Node> a = heap.make<Node>();
  Ref<Node> b = a;
  EXPECT_EQ(a.use_count(), 2u);
  Ref<Object> base = b;
  EXPECT_EQ(a.use_count(), 3u);
  Ref<Object> moved = std::move(base);
  EXPECT_FALSE(base);  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(a.use_count(), 3u);
  Ref<Node>& alias = b;
  b = alias;  // self-assignment must keep the object alive
  EXPECT_EQ(a.use_count(), 3u);
  b = nullptr;
  EXPECT_EQ(a.use_count(), 2u);
  EXPECT_TRUE(moved == a);
  EXPECT_EQ(Ref<Node>().use_count(), 0u);
}

class GcHeapDeathTest : public testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// Tests that a traverse() that reports a reference twice is caught before
// the collector frees a live object.
TEST_F(GcHeapDeathTest, DoubleVisitingTraverseAborts) {
  struct Liar : Object {
    void traverse(Visitor& visit) override {
      visit(other);
      visit(other);  // BUG: twice
    }
    Ref<Object> other;
  };
  EXPECT_DEATH(
      {
        Heap heap;
        Ref<Liar> liar = heap.make<Liar>();
        liar->other = heap.make<Node>();
        heap.collect();
      },
      "reported more references");
}

}  // namespace
