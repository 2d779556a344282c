// Tests for verdict::judge(): the decision on one run, from canned output.
#include <gtest/gtest.h>

#include "verdict/verdict.h"

namespace safelab::verdict {
namespace {

ProcessResult exited(int code, std::string out, std::string err = "") {
  ProcessResult p;
  p.launched = true;
  p.exit_code = code;
  p.out = std::move(out);
  p.err = std::move(err);
  return p;
}

const Expectation kClean{};
const Expectation kRace = reported(Tool::tsan, "data race", "count_events_unsafe");
const char* kRaceReport =
    "WARNING: ThreadSanitizer: data race (pid=1)\n"
    "    #0 count_events_unsafe(Input const&)::$_0::operator()() const /s/c.cpp:9:3 (x+0x1)\n"
    "SUMMARY: ThreadSanitizer: data race /s/c.cpp:9:3\n";

// Tests that a clean expectation needs a correct result, exit 0 and DONE.
TEST(JudgeTest, CleanRunPasses) {
  EXPECT_TRUE(judge(kClean, exited(0, "RESULT 7\nEXPECTED 7\nDONE\n")).pass);
}

// Tests each way a run fails a clean expectation.
TEST(JudgeTest, CleanExpectationFailures) {
  EXPECT_FALSE(judge(kClean, exited(3, "RESULT 6\nEXPECTED 7\nDONE\n")).pass);
  const RunOutcome wrong = judge(kClean, exited(0, "RESULT 6\nEXPECTED 7\nDONE\n"));
  EXPECT_FALSE(wrong.pass);
  EXPECT_EQ(wrong.why, "wrong result: got 6, expected 7");
  EXPECT_FALSE(judge(kClean, exited(0, "RESULT 7\nEXPECTED 7\n")).pass) << "no DONE";
  EXPECT_FALSE(judge(kClean, exited(66, "RESULT 7\nEXPECTED 7\nDONE\n", kRaceReport)).pass);
  ProcessResult hung = exited(-1, "");
  hung.timed_out = true;
  EXPECT_NE(judge(kClean, hung).why.find("timed out"), std::string::npos);
}

// Tests that an expected report must match both kind and function.
TEST(JudgeTest, ExpectedReportMatchesKindAndFunction) {
  const RunOutcome ok = judge(kRace, exited(66, "", kRaceReport));
  EXPECT_TRUE(ok.pass) << ok.why;
  ASSERT_TRUE(ok.report.has_value());
  EXPECT_EQ(ok.report->kind, "data race");

  const Expectation other_function = reported(Tool::tsan, "data race", "count_events_rust");
  EXPECT_FALSE(judge(other_function, exited(66, "", kRaceReport)).pass);
  const Expectation other_kind = reported(Tool::asan, "heap-use-after-free", "count_events_unsafe");
  EXPECT_FALSE(judge(other_kind, exited(66, "", kRaceReport)).pass);
  EXPECT_FALSE(judge(kRace, exited(0, "RESULT 1\nEXPECTED 2\nDONE\n")).pass) << "no report";
}

// Tests that a program that could not start never passes.
TEST(JudgeTest, LaunchFailureFails) {
  ProcessResult p;
  p.launch_error = "no such file";
  EXPECT_FALSE(judge(kClean, p).pass);
  EXPECT_FALSE(judge(kRace, p).pass);
}

// Tests that a sanitizer that cannot start says how to fix the machine.
TEST(JudgeTest, EnvironmentProblemsAreNamed) {
  const RunOutcome tsan = judge(
      kClean, exited(66, "", "FATAL: ThreadSanitizer: unexpected memory mapping 0x7f-0x7f\n"));
  EXPECT_FALSE(tsan.pass);
  EXPECT_NE(tsan.why.find("vm.mmap_rnd_bits=28"), std::string::npos) << tsan.why;
  const RunOutcome lsan =
      judge(kRace, exited(1, "", "==1==LeakSanitizer has encountered a fatal error.\n"));
  EXPECT_FALSE(lsan.pass);
  EXPECT_NE(lsan.why.find("ptrace"), std::string::npos) << lsan.why;
}

// Tests run_process(): output capture, exit codes, signals and the timeout.
TEST(ProcessTest, CapturesAndTimesOut) {
  using namespace std::chrono_literals;
  const ProcessResult echo = run_process({"sh", "-c", "echo out; echo err >&2; exit 4"}, {}, 10s);
  ASSERT_TRUE(echo.launched);
  EXPECT_EQ(echo.out, "out\n");
  EXPECT_EQ(echo.err, "err\n");
  EXPECT_EQ(echo.exit_code, 4);

  const ProcessResult env = run_process({"sh", "-c", "echo $SAFELAB_T"}, {"SAFELAB_T=x1"}, 10s);
  EXPECT_EQ(env.out, "x1\n");

  const ProcessResult killed = run_process({"sh", "-c", "kill -ABRT $$"}, {}, 10s);
  EXPECT_EQ(killed.signal, 6);

  const ProcessResult slow = run_process({"sleep", "30"}, {}, 200ms);
  EXPECT_TRUE(slow.timed_out);

  const ProcessResult missing = run_process({"/nonexistent/safelab-nothing"}, {}, 10s);
  EXPECT_FALSE(missing.launched);
  EXPECT_NE(missing.launch_error.find("No such file"), std::string::npos);
}

}  // namespace
}  // namespace safelab::verdict
