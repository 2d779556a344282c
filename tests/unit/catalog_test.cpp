// Tests for the catalog, generic over catalog::entries(): its shape, and
// that every safe variant of every topic gives the topic's reference answer
// on the degenerate sizes, a small one, at one thread and several, and on
// several seeds. Nothing here names a topic: a new registration is tested by
// being registered. (Safe variants only ever run in this process; the unsafe
// ones run in safelab-example under the verdict runner, one CTest test each,
// see sanitizers/VerdictTests.cmake.in.)
#include "catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

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
    EXPECT_FALSE(e.topic_summary.empty()) << e.id();
    EXPECT_NE(e.run, nullptr) << e.id();
    EXPECT_NE(e.prepare, nullptr) << e.id();
    EXPECT_GT(e.defaults.size, 0) << e.id();
    EXPECT_GT(e.defaults.threads, 0) << e.id();
    EXPECT_EQ(e.is_unsafe(), !e.expectation.is_clean()) << e.id() << ": unsafe iff reported";
    if (!e.expectation.is_clean()) {
      EXPECT_TRUE(verdict::runs_program(*e.expectation.tool)) << e.id();
      EXPECT_FALSE(e.expectation.kind.empty()) << e.id();
      EXPECT_FALSE(e.expectation.function.empty()) << e.id();
    }
    EXPECT_FALSE(judged_under(e).empty()) << e.id();
  }
  EXPECT_EQ(find("no_such/topic"), nullptr);
}

// Tests that every topic has a safe variant, to compare its unsafe twin with.
TEST(CatalogTest, EveryTopicHasASafeVariant) {
  for (std::string_view topic : topics()) {
    bool safe = false;
    for (const Entry& e : entries()) safe = safe || (e.topic == topic && !e.is_unsafe());
    EXPECT_TRUE(safe) << topic;
  }
}

// Tests that each static check names a registered topic, a compile-time tool
// and a compile-fail test that exists.
TEST(CatalogTest, StaticChecksNameATopicAndACompileTimeTool) {
  const std::vector<std::string_view> names = topics();
  for (const StaticCheck& s : static_checks()) {
    EXPECT_NE(std::find(names.begin(), names.end(), s.topic), names.end()) << s.topic;
    EXPECT_FALSE(verdict::runs_program(s.tool)) << s.topic << ": " << s.test;
    const std::filesystem::path test = std::filesystem::path(SAFELAB_SOURCE_DIR) /
                                       "tests/compile_fail" / (std::string(s.test) + ".cpp");
    EXPECT_TRUE(std::filesystem::exists(test)) << s.topic << ": no " << test;
  }
}

// The safe entries, the parameter of the generic test; and a test name per
// entry ("count_events/rust" -> "count_events_rust") that catalog.coverage
// looks for.
std::vector<std::string> safe_entries() {
  std::vector<std::string> out;
  for (const Entry& e : entries()) {
    if (!e.is_unsafe()) out.push_back(e.id());
  }
  return out;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (c == '/' || c == '-') c = '_';
  }
  return name;
}

class SafeVariantTest : public testing::TestWithParam<std::string> {};

// Tests that a safe variant gives the reference answer on the smallest
// inputs (1 and 2 elements: one thread may then get none) and on a
// sixteenth of the default size, at 1 thread and at 3, on two seeds.
TEST_P(SafeVariantTest, GivesTheReferenceAnswer) {
  const Entry& e = *find(GetParam());
  const std::int64_t small = std::max<std::int64_t>(3, e.defaults.size / 16);
  for (const std::int64_t size : {std::int64_t{1}, std::int64_t{2}, small}) {
    for (const int threads : {1, 3}) {
      for (const std::uint64_t seed : {1u, 7u}) {
        const Outcome o = e.run({threads, size, seed});
        EXPECT_TRUE(o.correct()) << e.id() << " size=" << size << " threads=" << threads
                                 << " seed=" << seed << ": got " << o.result << ", expected "
                                 << o.expected;
      }
    }
  }
}

// Tests that the benchmark hook (Entry::prepare) runs the same variant:
// prepared once, run twice, right both times.
TEST_P(SafeVariantTest, PreparedRunIsCorrect) {
  const Entry& e = *find(GetParam());
  const std::unique_ptr<Prepared> p =
      e.prepare({2, std::max<std::int64_t>(3, e.defaults.size / 16), 1});
  for (int i = 0; i < 2; ++i) {
    p->run();
    EXPECT_TRUE(p->correct()) << e.id() << " run " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, SafeVariantTest, testing::ValuesIn(safe_entries()), test_name);

}  // namespace
}  // namespace safelab::catalog
