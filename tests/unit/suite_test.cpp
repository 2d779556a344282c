// Tests for sanitizers/verdict/suite.h: the `expect:` header grammar that
// makes a folder of programs a suite (documented in suite.h and the README),
// and the cells a checker's outcome gets against it.
#include "verdict/suite.h"

#include <gtest/gtest.h>

namespace safelab::verdict {
namespace {

// Tests a clean header and one with two alternatives, tool and function.
TEST(SuiteTest, ParsesExpectLines) {
  std::string error;
  auto clean = parse_header("// expect: CLEAN\n#include <stdio.h>\n", &error);
  ASSERT_TRUE(clean.has_value()) << error;
  EXPECT_TRUE(clean->clean);

  auto bad = parse_header(
      "// expect: Heap-Use-After-Free (asan) in read_after_free; invalid read (memcheck)\n"
      "// args: twice  more\n"
      "// stdin: input.txt\n"
      "// tools: asan, memcheck\n"
      "// BAD: the comment that explains it\n",
      &error);
  ASSERT_TRUE(bad.has_value()) << error;
  EXPECT_FALSE(bad->clean);
  ASSERT_EQ(bad->expected.size(), 2u);
  EXPECT_EQ(bad->expected[0].kind, "heap-use-after-free");
  EXPECT_EQ(bad->expected[0].tool, Tool::asan);
  EXPECT_EQ(bad->expected[0].function, "read_after_free");
  EXPECT_EQ(bad->expected[1].kind, "invalid read");
  EXPECT_EQ(bad->expected[1].function, "");
  EXPECT_EQ(bad->args, (std::vector<std::string>{"twice", "more"}));
  EXPECT_EQ(bad->stdin_file, "input.txt");
  EXPECT_EQ(bad->tools, (std::vector<Tool>{Tool::asan, Tool::memcheck}));
}

// Tests that a file whose first line is not `expect:` is not in the suite,
// and that an unknown kind, or a kind the named tool never reports, is an
// error rather than a silent miss.
TEST(SuiteTest, RejectsWhatItCannotJudge) {
  std::string error;
  EXPECT_FALSE(parse_header("// BAD: no expectation\n// expect: clean\n", &error));
  EXPECT_TRUE(error.empty());
  EXPECT_FALSE(parse_header("// expect: no such kind\n", &error));
  EXPECT_NE(error.find("unknown kind"), std::string::npos);
  EXPECT_FALSE(parse_header("// expect: data race (asan)\n", &error));
  EXPECT_NE(error.find("not a kind asan reports"), std::string::npos);
}

CheckerOutcome outcome(Tool t, Status s, const std::string& kind, const std::string& fn) {
  CheckerOutcome o;
  o.checker = t;
  o.status = s;
  if (!kind.empty()) {
    o.kinds = {kind};
    o.reports.push_back({"x", kind, "headline", {{fn, "a.c:1", false}}});
  }
  return o;
}

// Tests the cells: found (right kind, tool and function), missed (a named
// tool did not see it), a report on a clean program is a false report, an
// advisory one is not.
TEST(SuiteTest, CellsAgainstTheHeader) {
  std::string error;
  const auto bad = *parse_header("// expect: data race (tsan) in bump\n", &error);
  EXPECT_EQ(judge_cell(bad, outcome(Tool::tsan, Status::detected, "data race", "bump")),
            Cell::found);
  EXPECT_EQ(judge_cell(bad, outcome(Tool::tsan, Status::detected, "data race", "other_fn")),
            Cell::missed);
  EXPECT_EQ(judge_cell(bad, outcome(Tool::tsan, Status::clean, "", "")), Cell::missed);
  EXPECT_EQ(judge_cell(bad, outcome(Tool::asan, Status::clean, "", "")), Cell::quiet);
  EXPECT_TRUE(judge_program(bad, {outcome(Tool::tsan, Status::detected, "data race", "bump")}));
  EXPECT_FALSE(judge_program(bad, {outcome(Tool::tsan, Status::clean, "", "")}));

  const auto clean = *parse_header("// expect: clean\n", &error);
  const auto helgrind = outcome(Tool::helgrind, Status::advisory, "data race", "f");
  const auto memcheck = outcome(Tool::memcheck, Status::detected, "definitely lost", "f");
  EXPECT_EQ(judge_cell(clean, helgrind), Cell::advisory);
  EXPECT_EQ(judge_cell(clean, memcheck), Cell::false_report);
  EXPECT_TRUE(judge_program(clean, {helgrind}));
  EXPECT_FALSE(judge_program(clean, {helgrind, memcheck}));
}

}  // namespace
}  // namespace safelab::verdict
