// Tests for the catalog: its shape, and that every safe variant of every
// topic gives the topic's reference answer (run in this process: only safe
// variants ever are).
#include "catalog.h"

#include <gtest/gtest.h>

#include <set>

namespace safelab::catalog {
namespace {

// Tests that ids are unique, lookups work and each entry is complete.
TEST(CatalogTest, EntriesAreWellFormed) {
  ASSERT_FALSE(entries().empty());
  std::set<std::string> ids;
  for (const Entry& e : entries()) {
    EXPECT_TRUE(ids.insert(e.id()).second) << "duplicate " << e.id();
    EXPECT_EQ(find(e.id()), &e);
    EXPECT_FALSE(e.summary.empty()) << e.id();
    EXPECT_NE(e.run, nullptr) << e.id();
    EXPECT_GT(e.defaults.size, 0) << e.id();
    EXPECT_EQ(e.is_unsafe(), !e.expectation.is_clean()) << e.id() << ": unsafe iff reported";
    if (!e.expectation.is_clean()) {
      EXPECT_FALSE(e.expectation.kind.empty()) << e.id();
      EXPECT_FALSE(e.expectation.function.empty()) << e.id();
    }
    EXPECT_FALSE(judged_under(e).empty()) << e.id();
  }
  EXPECT_EQ(find("no_such/topic"), nullptr);
}

// Tests that every topic with an unsafe twin also has a safe variant to
// compare it with.
TEST(CatalogTest, EveryTopicHasASafeVariant) {
  for (std::string_view topic : topics()) {
    bool safe = false;
    for (const Entry& e : entries()) safe = safe || (e.topic == topic && !e.is_unsafe());
    EXPECT_TRUE(safe) << topic;
  }
}

// Tests that each safe variant gives the reference answer at 1 and 3 threads
// on a small input.
TEST(CatalogTest, SafeVariantsGiveTheReferenceAnswer) {
  for (const Entry& e : entries()) {
    if (e.is_unsafe()) continue;
    for (int threads : {1, 3}) {
      Params p = resolve(e, {});
      p.threads = threads;
      p.size = std::max<std::int64_t>(1, p.size / 16);
      const Outcome o = e.run(p);
      EXPECT_TRUE(o.correct()) << e.id() << " threads=" << threads << ": got " << o.result
                               << ", expected " << o.expected;
    }
  }
}

}  // namespace
}  // namespace safelab::catalog
