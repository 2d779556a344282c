// Tests of checked mode: a Result holding an error must be inspected before
// it is destroyed or overwritten. In a build with SAFELAB_CHECKED=0 the
// death tests are skipped and the no-op behaviour is tested instead.
#include <gtest/gtest.h>

#include <string>

#include "safelab/err/result.h"

namespace safelab::err {
namespace {

// The error's creation site, which the reports must name.
constexpr unsigned kFailsLine = __LINE__ + 1;
Result<int, std::string> fails() { return Err(std::string("boom")); }

std::string created_at() {
  return "created at .*checked_mode_test.cpp:" + std::to_string(kFailsLine) + " in .*fails";
}

using CheckedModeDeathTest = ::testing::Test;

// Tests that dropping an unchecked error aborts, naming where it was made.
TEST_F(CheckedModeDeathTest, UncheckedErrorAbortsWithCreationSite) {
  if (!SAFELAB_CHECKED) GTEST_SKIP() << "built with SAFELAB_CHECKED=0";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      (void)fails(),
      "a Result holding an error was destroyed .*without being checked\n  " + created_at());
}

// Tests that overwriting an unchecked error aborts too.
TEST_F(CheckedModeDeathTest, OverwritingUncheckedErrorAborts) {
  if (!SAFELAB_CHECKED) GTEST_SKIP() << "built with SAFELAB_CHECKED=0";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto overwrite = [] {
    Result<int, std::string> r = fails();
    r = 5;
  };
  EXPECT_DEATH(overwrite(), "without being checked");
}

// Tests that a moved-to Result carries the obligation: the moved-from one
// is free, the new one aborts.
TEST_F(CheckedModeDeathTest, MoveHandsOverTheObligation) {
  if (!SAFELAB_CHECKED) GTEST_SKIP() << "built with SAFELAB_CHECKED=0";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto move_then_check_source = [] {
    Result<int, std::string> a = fails();
    Result<int, std::string> b = std::move(a);
    (void)a.has_value();  // NOLINT(bugprone-use-after-move): the moved-from one, on purpose
  };
  EXPECT_DEATH(move_then_check_source(), created_at());
}

// Tests that each kind of inspection counts as checking (no abort).
TEST(CheckedModeTest, InspectionCountsAsChecking) {
  { (void)fails().has_value(); }
  { EXPECT_FALSE(static_cast<bool>(fails())); }
  { EXPECT_EQ(fails().error(), "boom"); }
  { EXPECT_EQ(fails().value_or(3), 3); }
  {
    EXPECT_EQ(fails().transform([](int x) { return x; }).error(), "boom");
  }
  {
    EXPECT_EQ(fails().or_else([](const std::string&) -> Result<int, int> { return 1; }).value(), 1);
  }
  { EXPECT_TRUE(fails() == Err(std::string("boom"))); }
  // A success never needs checking.
  { Result<int, std::string> ok = 1; }
}

// Tests that a value Result can be dropped, and that a propagated error keeps
// its creation site.
TEST(CheckedModeTest, PropagationKeepsCreationSite) {
  Result<long, std::string> r =
      fails().and_then([](int x) -> Result<long, std::string> { return x; });
  ASSERT_FALSE(r.has_value());
  if (SAFELAB_CHECKED) {
    EXPECT_EQ(r.error_location().line(), kFailsLine);
  } else {
    EXPECT_EQ(r.error_location().line(), 0u);
  }
}

}  // namespace
}  // namespace safelab::err
