// Tests for sanitizers/verdict/static_analysis.h: the analyzers' warnings,
// as Clang 14 and GCC 12 print them on tests/check's programs, reduced to
// reports with the run-time tools' kind names.
#include "verdict/static_analysis.h"

#include <gtest/gtest.h>

#include <fstream>

namespace safelab::verdict {
namespace {

// Tests that Clang's double free ("Attempt to free released memory") is a
// double-free, in the function read from the file (Clang does not name it),
// and that the compiler's own warnings and the notes are not reports.
TEST(StaticAnalysisTest, ClangDoubleFree) {
  const auto dir = testing::TempDir();
  const std::string file = dir + "/record.c";
  std::ofstream(file) << "#include <stdlib.h>\n"
                         "static int\n"
                         "parse_record(const char* r) {\n"
                         "  char* copy = malloc(8);\n"
                         "  free(copy);\n"
                         "  free(copy);\n"
                         "  return 0;\n"
                         "}\n";
  const std::string text = file + ":4:9: warning: unused variable 'x' [-Wunused-variable]\n" +
                           file +
                           ":6:3: warning: Attempt to free released memory [unix.Malloc]\n"
                           "  free(copy);\n  ^~~~~~~~~~\n" +
                           file + ":5:3: note: Memory is released\n1 warning generated.\n";
  const auto reports = parse_analyzer_reports(text, Tool::clang_analyzer);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].tool, "Clang static analyzer");
  EXPECT_EQ(reports[0].kind, "double-free");
  EXPECT_EQ(reports[0].headline, "Attempt to free released memory [unix.Malloc]");
  ASSERT_EQ(reports[0].frames.size(), 1u);
  EXPECT_EQ(reports[0].frames[0].function, "parse_record()");
  EXPECT_EQ(reports[0].frames[0].location, file + ":6:3");
  EXPECT_TRUE(reports[0].names("parse_record"));
  EXPECT_TRUE(analyzer_advisory(reports[0], false).empty());
}

// Tests Clang's other kinds: a garbage operand is an uninitialised value, a
// null field access a null dereference, an unknown checker its own name.
TEST(StaticAnalysisTest, ClangKinds) {
  const auto reports = parse_analyzer_reports(
      "/s/m.c:16:12: warning: The right operand of '*' is a garbage value "
      "[core.UndefinedBinaryOperatorResult]\n"
      "/s/l.cpp:23:10: warning: Access to field 'name' results in a dereference of a null "
      "pointer (loaded from variable 'found') [core.NullDereference]\n"
      "/s/f.c:3:3: warning: Potential leak of memory pointed to by 'p' [unix.Malloc]\n"
      "/s/g.c:9:1: warning: Call to 'vfork' is insecure [security.insecureAPI.vfork]\n",
      Tool::clang_analyzer);
  ASSERT_EQ(reports.size(), 4u);
  EXPECT_EQ(reports[0].kind, "uninitialised value");
  EXPECT_EQ(reports[1].kind, "null dereference");
  EXPECT_EQ(reports[2].kind, "memory leak");
  EXPECT_EQ(reports[3].kind, "security.insecureAPI.vfork");
}

// Tests GCC's output: the "In function" line names the function (C++
// signatures reduced to the name), [CWE-n] leaves the headline, and only
// -Wanalyzer- warnings are reports.
TEST(StaticAnalysisTest, GccNamesTheFunction) {
  const auto reports = parse_analyzer_reports(
      "/s/lookup_null.cpp: In function 'const char* {anonymous}::describe(int)':\n"
      "/s/lookup_null.cpp:23:17: warning: dereference of NULL 'found' [CWE-476] "
      "[-Wanalyzer-null-dereference]\n"
      "   23 |   return found->name;\n"
      "/s/lookup_null.cpp:30:7: warning: unused variable 'y' [-Wunused-variable]\n"
      "/s/r.c: In function 'parse_record':\n"
      "/s/r.c:22:3: warning: double-'free' of 'copy' [CWE-415] [-Wanalyzer-double-free]\n"
      "/s/r.c:30:3: warning: use of uninitialized value 'factor' [CWE-457] "
      "[-Wanalyzer-use-of-uninitialized-value]\n",
      Tool::gcc_analyzer);
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0].tool, "GCC static analyzer");
  EXPECT_EQ(reports[0].kind, "null dereference");
  EXPECT_EQ(reports[0].headline, "dereference of NULL 'found' [-Wanalyzer-null-dereference]");
  EXPECT_TRUE(reports[0].names("describe"));
  EXPECT_EQ(reports[1].kind, "double-free");
  EXPECT_TRUE(reports[1].names("parse_record"));
  EXPECT_EQ(reports[2].kind, "uninitialised value");
  EXPECT_TRUE(reports[2].names("parse_record"));
  // On C++ every GCC report is advisory; on C only the "possible" ones.
  EXPECT_FALSE(analyzer_advisory(reports[0], true).empty());
  EXPECT_TRUE(analyzer_advisory(reports[1], false).empty());
}

// Tests GCC's output in a UTF-8 locale, where it quotes with \u2018 and
// \u2019: the "In function" line still names the function, for a member and
// a static member function too (seen on the catalog's sources: before, the
// lines were not recognised and every warning fell back to the file).
TEST(StaticAnalysisTest, GccNamesTheFunctionInUtf8Quotes) {
  const auto reports = parse_analyzer_reports(
      "/s/p.cpp: In function \u2018uint64_t ns::{anonymous}::on_threads(const In&, Body) "
      "[with Body = int]\u2019:\n"
      "/s/p.cpp:106:3: warning: dereference of NULL \u2018<unknown>\u2019 [CWE-476] "
      "[-Wanalyzer-null-dereference]\n"
      "/s/p.cpp: In member function \u2018int Box::get() const\u2019:\n"
      "/s/p.cpp:120:5: warning: use of uninitialized value \u2018v\u2019 [CWE-457] "
      "[-Wanalyzer-use-of-uninitialized-value]\n"
      "/s/p.cpp: In static member function \u2018static int Box::make()\u2019:\n"
      "/s/p.cpp:130:5: warning: double-\u2018free\u2019 of \u2018p\u2019 [CWE-415] "
      "[-Wanalyzer-double-free]\n",
      Tool::gcc_analyzer);
  ASSERT_EQ(reports.size(), 3u);
  ASSERT_EQ(reports[0].frames.size(), 1u);
  EXPECT_EQ(reports[0].frames[0].function, "ns::{anonymous}::on_threads()");
  EXPECT_EQ(reports[1].frames[0].function, "Box::get()");
  EXPECT_EQ(reports[2].frames[0].function, "Box::make()");
  EXPECT_EQ(reports[2].kind, "double-free");
}

// Tests Clang's path notes: "Calling" notes become context frames (not the
// function the warning is in), and an uninitialised value whose path goes
// through a std::tuple's destructor is advisory (Clang 14 loses a tuple's
// members bound with structured bindings), where the same warning without
// the tuple is not.
TEST(StaticAnalysisTest, ClangTupleDestructorIsAdvisory) {
  const std::string warning =
      "/s/t.cpp:6:21: warning: The left operand of '==' is a garbage value "
      "[core.UndefinedBinaryOperatorResult]\n"
      "/s/t.cpp:15:3: note: Uninitialized value stored to '._M_head_impl.p_'\n";
  const auto through_tuple = parse_analyzer_reports(
      warning +
          "/s/t.cpp:16:10: note: Calling implicit destructor for 'tuple<Guard, Guard>'\n"
          "/s/t.cpp:16:10: note: Calling '~Guard'\n",
      Tool::clang_analyzer);
  ASSERT_EQ(through_tuple.size(), 1u);
  ASSERT_EQ(through_tuple[0].frames.size(), 3u);
  EXPECT_FALSE(through_tuple[0].frames[0].context);
  EXPECT_TRUE(through_tuple[0].frames[1].context);
  EXPECT_EQ(through_tuple[0].frames[1].function, "tuple<Guard, Guard>");
  EXPECT_EQ(through_tuple[0].frames[2].function, "~Guard");
  EXPECT_FALSE(through_tuple[0].names("Guard"));  // context frames name no function
  EXPECT_FALSE(analyzer_advisory(through_tuple[0], true).empty());

  const auto plain = parse_analyzer_reports(warning + "/s/t.cpp:16:10: note: Calling 'reset'\n",
                                            Tool::clang_analyzer);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_TRUE(analyzer_advisory(plain[0], true).empty());
}

// Tests GCC's function names with template arguments holding spaces.
TEST(StaticAnalysisTest, GccTemplateFunctionName) {
  const auto reports = parse_analyzer_reports(
      "/s/m.h: In member function 'T& ns::M<T, Poison>::lock() [with T = long int]':\n"
      "/s/m.h:9:3: warning: use of uninitialized value 'x' [CWE-457] "
      "[-Wanalyzer-use-of-uninitialized-value]\n",
      Tool::gcc_analyzer);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].frames[0].function, "ns::M::lock()");
}

// Tests that GCC's "possible null" warnings are advisory: an unchecked
// malloc result is not a defect of a program that never runs out of memory.
TEST(StaticAnalysisTest, GccPossibleNullIsAdvisory) {
  const auto reports = parse_analyzer_reports(
      "/s/a.c: In function 'main':\n"
      "/s/a.c:5:8: warning: dereference of possibly-NULL 'p' [CWE-690] "
      "[-Wanalyzer-possible-null-dereference]\n",
      Tool::gcc_analyzer);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, "null dereference");
  EXPECT_FALSE(analyzer_advisory(reports[0], false).empty());
}

// Tests the enclosing function read from a file: a K&R-style definition,
// past a declaration and a comment, past an attribute, and nothing before
// the first function.
TEST(StaticAnalysisTest, EnclosingFunction) {
  const std::string file = testing::TempDir() + "/enclosing.c";
  std::ofstream(file) << "int helper(int);\n"        // 1: a declaration
                         "static int\n"              // 2
                         "scale(int mode, int x)\n"  // 3
                         "{\n"                       // 4
                         "  // a comment (with parens)\n"
                         "  return x * mode;\n"  // 6
                         "}\n"
                         "int ns::Box::get() const {\n"  // 8
                         "  return 1;\n"                 // 9
                         "}\n"                           // 10
                         "__attribute__((noinline)) static void release_twice(int* p) {\n"
                         "  free(p);\n";  // 12
  EXPECT_EQ(enclosing_function(file, 1), "");
  EXPECT_EQ(enclosing_function(file, 6), "scale");
  EXPECT_EQ(enclosing_function(file, 9), "ns::Box::get");
  EXPECT_EQ(enclosing_function(file, 12), "release_twice");
  EXPECT_EQ(enclosing_function(file + ".missing", 3), "");
}

// Tests the words of compile commands as CMake writes them into
// compile_commands.json: escaped quotes inside a define, quoted blanks,
// single quotes, and runs of blanks.
TEST(StaticAnalysisTest, SplitCommandLine) {
  EXPECT_EQ(split_command_line(R"(/usr/bin/g++ -DNAME=\"none\"  -I/a\ b -c x.cpp)"),
            (std::vector<std::string>{"/usr/bin/g++", "-DNAME=\"none\"", "-I/a b", "-c", "x.cpp"}));
  EXPECT_EQ(split_command_line(R"(cc "-DMSG=two words" '-DQ="x"' "" y.c)"),
            (std::vector<std::string>{"cc", "-DMSG=two words", "-DQ=\"x\"", "", "y.c"}));
  EXPECT_TRUE(split_command_line("   ").empty());
}

// Tests the analysis command made from a build's compile command: the
// analyzer's driver and options first, the defines, include paths and -std
// kept, the output, dependency file, -c, warnings (-Werror!) and sanitizers
// gone, the file last; a .c file gets the C driver.
TEST(StaticAnalysisTest, AnalysisCommandFromCompileCommand) {
  const auto clang = analysis_command_from(
      Tool::clang_analyzer,
      split_command_line(R"(/usr/bin/clang++ -DX=\"y\" -I/s/include -isystem /usr/inc -O2 )"
                         R"(-Wall -Werror -Wthread-safety -fsanitize=address -std=c++20 )"
                         R"(-MD -MT a.o -MF a.o.d -o a.o -c /s/src/a.cpp)"));
  std::vector<std::string> expected = analyzer_command(Tool::clang_analyzer, true);
  for (const char* w :
       {"-DX=\"y\"", "-I/s/include", "-isystem", "/usr/inc", "-O2", "-std=c++20", "/s/src/a.cpp"}) {
    expected.emplace_back(w);
  }
  EXPECT_EQ(clang, expected);
  const auto gcc =
      analysis_command_from(Tool::gcc_analyzer, split_command_line("/usr/bin/gcc -o m.o -c m.c"));
  expected = analyzer_command(Tool::gcc_analyzer, false);
  expected.emplace_back("m.c");
  EXPECT_EQ(gcc, expected);
  EXPECT_EQ(gcc.front(), "gcc");
}

}  // namespace
}  // namespace safelab::verdict
