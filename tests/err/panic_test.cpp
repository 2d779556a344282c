// Tests of panic(): message, location, abort.
#include "safelab/err/panic.h"

#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include "safelab/err/source_location.h"

namespace safelab::err {
namespace {

using PanicDeathTest = ::testing::Test;

// Tests that panic prints the message and the caller's location and aborts.
TEST_F(PanicDeathTest, PrintsMessageAndLocation) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const auto message_at = [](int line) {
    return "safelab panic: invariant broken\n  at .*panic_test.cpp:" + std::to_string(line) +
           " in .*TestBody";
  };
  const int panic_line = __LINE__ + 1;  // the line of the panic() call below
  EXPECT_DEATH(panic("invariant broken"), message_at(panic_line));
}

// Tests that an explicit location is the one reported.
TEST_F(PanicDeathTest, ReportsExplicitLocation) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const SourceLocation here = SourceLocation::current();
  EXPECT_DEATH(panic("explicit", here),
               "explicit\n  at .*panic_test.cpp:" + std::to_string(here.line()) + " ");
}

// Tests that panic ends the process with SIGABRT (not an exit code).
TEST_F(PanicDeathTest, AbortsWithSigabrt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(panic("bye"), ::testing::KilledBySignal(SIGABRT), "bye");
}

}  // namespace
}  // namespace safelab::err
