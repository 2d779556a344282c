// Lab 14's checks: the depths are right, and the requests leave the cycle
// collector nothing to do, observed through the heap's own statistics
// (collections run, objects it had to free, objects still tracked), never
// through time.
//
// Python's gc documentation: "When the number of allocations minus the
// number of deallocations exceeds threshold0, collection starts" (700 by
// default, as in a gc::Heap). Rust's std::rc: "A cycle between Rc pointers
// will never be deallocated. For this reason, Weak is used to break cycles.
// For example, a tree could have strong Rc pointers from parent nodes to
// children, and Weak pointers from children back to their parents."
#include <gtest/gtest.h>

#include "comments.h"

namespace lab14 {
namespace {

namespace gc = safelab::mem::gc;

// Every failure starts with what the lab teaches (`safelab labs check`
// shows the first one).
constexpr const char* kLesson = "lab 14 teaches one owner per object: ";

// Tests the depths of small threads: a post alone, a chain, a fork.
TEST(DeepestRepliesTest, Depths) {
  gc::Heap heap;
  const std::vector<std::size_t> depths =
      deepest_replies(heap, {{-1}, {-1, 0, 1, 2}, {-1, 0, 0, 1, 3, 2}});
  EXPECT_EQ(depths, (std::vector<std::size_t>{0, 3, 3}));
}

// Tests many requests on one heap, as a service serves them: 60 threads of
// 15 comments (900 objects in all, more than the 700 that start a
// collection if they are not freed). With one owner per comment, reference
// counting frees each thread when its request ends: the collector never
// runs, and nothing waits for it.
TEST(DeepestRepliesTest, RequestsLeaveNothingToCollect) {
  std::vector<int> binary_tree{-1};
  for (int i = 1; i < 15; ++i) binary_tree.push_back((i - 1) / 2);
  const std::vector<std::vector<int>> threads(60, binary_tree);

  gc::Heap heap;
  const std::vector<std::size_t> depths = deepest_replies(heap, threads);
  EXPECT_EQ(depths, std::vector<std::size_t>(60, 3));

  // (ASSERT_TRUE, not ASSERT_EQ: the message, with the counts, is the
  // fourth line of the failure, where `safelab labs check` shows it; and
  // the first failure ends the test, so it is the one shown.)
  const gc::Stats stats = heap.stats();
  std::uint64_t collections = 0;
  for (const gc::GenerationStats& g : stats.generations) collections += g.collections;
  ASSERT_TRUE(stats.objects_freed == 0)
      << kLesson << "the collector had to find and free " << stats.objects_freed
      << " comments kept alive only by their own cycles, in " << collections
      << " collection(s), each a pause of the whole service: give every comment one owner";
  ASSERT_TRUE(collections == 0) << kLesson << "the collector had to run " << collections
                                << " collection(s): give every comment one owner, and reference "
                                   "counting frees each thread when its request ends";
  EXPECT_TRUE(heap.tracked() == 0)
      << kLesson << heap.tracked()
      << " comments are still waiting for the collector after every request "
      << "has ended: one owner per comment frees them when the request ends";
}

}  // namespace
}  // namespace lab14
