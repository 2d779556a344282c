// Tests for sanitizers/verdict/normalise.h: the quoted report reads the same
// on every machine and every run.
#include "verdict/normalise.h"

#include <gtest/gtest.h>

namespace safelab::verdict {
namespace {

// Tests that absolute directories go and file names, lines and words stay.
TEST(NormaliseTest, StripDirectories) {
  EXPECT_EQ(strip_directories("/home/u/safelab/labs/07/invoice_total.cpp:12:5: runtime error: x"),
            "invoice_total.cpp:12:5: runtime error: x");
  EXPECT_EQ(strip_directories("no path here"), "no path here");
}

// Tests that argument and template lists are elided, but empty lists,
// (anonymous namespace) and operator names are kept.
TEST(NormaliseTest, ShortFunction) {
  EXPECT_EQ(short_function("ns::f(std::span<unsigned int const, 18446744073709551615ul>, int)::$_0"
                           "::operator()() const"),
            "ns::f(...)::$_0::operator()() const");
  EXPECT_EQ(short_function("(anonymous namespace)::g()"), "(anonymous namespace)::g()");
  EXPECT_EQ(short_function("std::vector<int>::push_back(int const&)"),
            "std::vector<...>::push_back(...)");
}

// Tests that a race report's frames come out by place, the learner's file
// first, deduplicated, runtime frames dropped, whatever the stack order.
TEST(NormaliseTest, ReportFramesByPlace) {
  const char* text = R"(==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Write of size 8 at 0x7ffd6c8e0e58 by thread T2:
    #0 count_errors(std::span<int const>)::$_0::operator()() const /home/u/labs/01-data-race/count_errors.cpp:20:9 (a+0x1)
    #1 std::thread::_State_impl<>::_M_run() /usr/include/c++/12/bits/std_thread.h:211:13 (a+0x2)

  Previous write of size 8 at 0x7ffd6c8e0e58 by thread T1:
    #0 count_errors(std::span<int const>)::$_0::operator()() const /home/u/labs/01-data-race/count_errors.cpp:20:9 (a+0x1)
    #1 CountErrors_Test::TestBody() /home/u/labs/01-data-race/count_errors_test.cpp:8:3 (a+0x3)

SUMMARY: ThreadSanitizer: data race /home/u/labs/01-data-race/count_errors.cpp:20:9 in operator()
==================
)";
  const auto report = normalised_report(text, "count_errors.cpp");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(*report,
            "WARNING: ThreadSanitizer: data race (pid=N)\n"
            "    at count_errors.cpp:20:9 in count_errors(...)::$_0::operator()() const\n"
            "    at count_errors_test.cpp:8:3 in CountErrors_Test::TestBody()\n");
  EXPECT_FALSE(normalised_report("all tests passed\n", "x.cpp").has_value());
}

// Tests that a compiler's first error is quoted without directories, up to
// the build tool's own lines.
TEST(NormaliseTest, CompileErrors) {
  const std::string out =
      "[1/2] Building CXX object x.o\n"
      "/home/u/labs/06/parse_orders.cpp:14:3: error: ignoring return value "
      "[-Werror=unused-result]\n"
      "   14 |   parse(line);\n"
      "ninja: build stopped: subcommand failed.\n";
  EXPECT_EQ(normalised_compile_errors(out),
            "parse_orders.cpp:14:3: error: ignoring return value [-Werror=unused-result]\n"
            "   14 |   parse(line);\n");
  EXPECT_EQ(normalised_compile_errors("all good\n"), "");
}

}  // namespace
}  // namespace safelab::verdict
