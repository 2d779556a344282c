// Tests how `safelab labs check` shows a sanitizer report and a hang, on
// canned tool output (the shapes TSan, ASan and UBSan print; addresses and
// paths vary per run): each stack that teaches is cut to its top frame in
// the lab's own files, the rest is left to the full log.
#include <gtest/gtest.h>

#include "labs_check.h"
#include "labs_hang.h"

namespace safelab {
namespace {

cli::labs::Lab lab08() {
  cli::labs::Lab lab;
  lab.id = "08";
  lab.dir = "08-dangling-view";
  lab.exercise = "display_name.cpp";
  lab.tests = {"display_name_test.cpp"};
  return lab;
}

// Tests ASan's heap-use-after-free: the access and "freed by ... here" each
// with their top frame in the lab's files; "allocated by" and the shadow
// bytes are left out.
TEST(ShortReportTest, AsanShowsAccessAndFreedHere) {
  const std::string err =
      "=================================================================\n"
      "==123==ERROR: AddressSanitizer: heap-use-after-free on address 0x6030 at pc 0x55 bp 0x7f\n"
      "READ of size 22 at 0x603000000010 thread T0\n"
      "    #0 0x55d in __asan_memcpy (/x/lab_08+0x1)\n"
      "    #1 0x55e in lab08::display_name(lab08::User const&) /home/u/labs/08-dangling-view/"
      "display_name.cpp:14:10\n"
      "    #2 0x55f in lab08::(anonymous namespace)::DisplayNameTest_FirstAndLast_Test::TestBody() "
      "/home/u/labs/08-dangling-view/display_name_test.cpp:16:3\n"
      "\n"
      "0x603000000010 is located 0 bytes inside of 54-byte region [0x6030,0x6046)\n"
      "freed by thread T0 here:\n"
      "    #0 0x560 in operator delete(void*) (/x/lab_08+0x2)\n"
      "    #1 0x561 in lab08::display_name(lab08::User const&) /home/u/labs/08-dangling-view/"
      "display_name.cpp:12:45\n"
      "\n"
      "previously allocated by thread T0 here:\n"
      "    #0 0x562 in operator new(unsigned long) (/x/lab_08+0x3)\n"
      "    #1 0x563 in lab08::display_name(lab08::User const&) /home/u/labs/08-dangling-view/"
      "display_name.cpp:12:30\n"
      "\n"
      "SUMMARY: AddressSanitizer: heap-use-after-free display_name.cpp:14:10 in memcpy\n"
      "Shadow bytes around the buggy address:\n";
  const auto lines = cli::labs::short_report(err, lab08());
  ASSERT_EQ(lines.size(), 5u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "AddressSanitizer: heap-use-after-free");
  EXPECT_EQ(lines[1], "  READ of size 22 thread T0");
  EXPECT_EQ(lines[2], "    display_name.cpp:14:10 in lab08::display_name(...)");
  EXPECT_EQ(lines[3], "  freed by thread T0 here:");
  EXPECT_EQ(lines[4], "    display_name.cpp:12:45 in lab08::display_name(...)");
}

// Tests TSan's data race: both accesses, with the module and BuildId cut.
TEST(ShortReportTest, TsanShowsBothAccesses) {
  cli::labs::Lab lab;
  lab.exercise = "count_errors.cpp";
  const std::string err =
      "==================\n"
      "WARNING: ThreadSanitizer: data race (pid=42)\n"
      "  Write of size 8 at 0x7b08 by thread T2:\n"
      "    #0 lab01::count_errors(std::span<unsigned int const, 18446744073709551615ul>, "
      "int)::$_0::operator()() const /l/01-data-race/count_errors.cpp:20:31 (lab_01+0xd1) "
      "(BuildId: 3f2a)\n"
      "    #1 std::thread::_State_impl<...>::_M_run() <null> (libstdc++.so.6+0xd4)\n"
      "\n"
      "  Previous write of size 8 at 0x7b08 by thread T1:\n"
      "    #0 lab01::count_errors(std::span<unsigned int const, 18446744073709551615ul>, "
      "int)::$_0::operator()() const /l/01-data-race/count_errors.cpp:20:31 (lab_01+0xd1) "
      "(BuildId: 3f2a)\n"
      "\n"
      "  Location is stack of main thread.\n"
      "  Thread T2 (tid=5, running) created by main thread at:\n"
      "    #0 pthread_create <null> (lab_01+0x1)\n"
      "SUMMARY: ThreadSanitizer: data race count_errors.cpp:20:31 in operator()\n"
      "==================\n";
  const auto lines = cli::labs::short_report(err, lab);
  ASSERT_EQ(lines.size(), 5u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "ThreadSanitizer: data race (pid=N)");
  EXPECT_EQ(lines[1], "  Write of size 8 by thread T2:");
  EXPECT_EQ(lines[2], "    count_errors.cpp:20:31 in lab01::count_errors(...)");
  EXPECT_EQ(lines[3], "  Previous write of size 8 by thread T1:");
  EXPECT_EQ(lines[4], lines[2]);
}

// Tests UBSan: its one line is the report, the line number kept.
TEST(ShortReportTest, UbsanIsItsRuntimeErrorLine) {
  cli::labs::Lab lab;
  lab.exercise = "invoice_total.cpp";
  const auto lines = cli::labs::short_report(
      "/l/07/invoice_total.cpp:10:11: runtime error: signed integer overflow: "
      "4611686018427387903 * 3 cannot be represented in type 'long'\n",
      lab);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind("invoice_total.cpp:10:11: runtime error: signed integer overflow", 0),
            0u)
      << lines[0];
}

// Tests that a hang names the test that was running when it was killed.
TEST(RunningTestTest, NamesTheUnfinishedTest) {
  EXPECT_EQ(cli::labs::running_test("[ RUN      ] A.B\n[       OK ] A.B (1 ms)\n"
                                    "[ RUN      ] HashAllTest.FourWorkersLoseNothing\n"),
            "HashAllTest.FourWorkersLoseNothing");
  EXPECT_EQ(cli::labs::running_test("[ RUN      ] A.B\n[  FAILED  ] A.B (1 ms)\n"), "");
}

// Tests that a safelab panic (checked mode's abort, lab 15) is shown with the
// location on its second line, directories dropped: the line the learner
// needs to look at, as panic.cpp prints it.
TEST(JudgeTestsTest, PanicNamesWhereTheErrorWasMade) {
  cli::labs::Lab lab = lab08();
  lab.fails_as.kind = "wrong-result";
  lab.fails_as.build = "asan";
  lab.fails_as.message = "without being checked";
  verdict::ProcessResult run;
  run.launched = true;
  run.signal = 6;
  run.out = "[ RUN      ] ImportBatchTest.EveryBadLineIsReported\n";
  run.err =
      "safelab panic: a Result holding an error was destroyed (or overwritten) without being "
      "checked\n  created at /home/u/labs/15-checked-mode/import_batch.cpp:14 in add_line\n";
  const cli::labs::Judgement j = cli::labs::judge_tests(lab, "asan", run);
  EXPECT_FALSE(j.pass);
  EXPECT_TRUE(j.intended);
  EXPECT_EQ(j.detail,
            "safelab panic: a Result holding an error was destroyed (or overwritten) without "
            "being checked; created at import_batch.cpp:14 in add_line");
}

// Tests that a failed test's detail is its first GoogleTest failure only
// (GoogleTest prints "file:line: Failure" and the message under it, then the
// next failure's own "file:line: Failure"), not the next one run into it.
TEST(JudgeTestsTest, DetailIsTheFirstFailureOnly) {
  verdict::ProcessResult run;
  run.launched = true;
  run.exit_code = 1;
  run.out =
      "[ RUN      ] A.B\n"
      "/p/a_test.cpp:12: Failure\n"
      "Failed\n"
      "the first message\n"
      "/p/a_test.cpp:20: Failure\n"
      "Failed\n"
      "the second message\n"
      "[  FAILED  ] A.B (1 ms)\n";
  const cli::labs::Judgement j = cli::labs::judge_tests(lab08(), "default", run);
  EXPECT_EQ(j.summary, "1 test failed: A.B");
  EXPECT_EQ(j.detail, "a_test.cpp:12: Failed the first message");
}

// Tests the short form of a hang's thread stacks, on gdb's "thread apply all
// bt" output (its documented shape: "Thread N (...):" then "#k  [addr in]
// function (args) at file:line" frames, library frames without a line): one
// line per thread in the lab's files, its lab frames innermost first; a
// thread only in library code (the main thread in join) is left out.
TEST(ShortStacksTest, OneLinePerThreadInTheLab) {
  cli::labs::Lab lab;
  lab.id = "05";
  lab.dir = "05-lock-order";
  lab.exercise = "transfer.cpp";
  lab.tests = {"transfer_test.cpp"};
  const std::string gdb =
      "[New LWP 4312]\n"
      "0x00007f0e5b09ed36 in ?? () from /lib/x86_64-linux-gnu/libc.so.6\n"
      "\n"
      "Thread 3 (Thread 0x7f0e5a7fc640 (LWP 4312) \"lab_05\"):\n"
      "#0  futex_wait (private=0, expected=2, futex_word=0x55d0) at "
      "../sysdeps/nptl/futex-internal.h:146\n"
      "#1  0x00007f0e5b0a3e1d in ___pthread_mutex_lock (mutex=0x55d0) at "
      "./nptl/pthread_mutex_lock.c:128\n"
      "#2  std::mutex::lock (this=0x55d0) at /usr/include/c++/12/bits/std_mutex.h:100\n"
      "#3  std::lock_guard<std::mutex>::lock_guard (__m=..., this=<synthetic pointer>) at "
      "/usr/include/c++/12/bits/std_mutex.h:229\n"
      "#4  0x000055d0a1 in lab05::transfer (bank=..., from=1, to=0, amount=1) at "
      "/home/u/labs/05-lock-order/transfer.cpp:14\n"
      "#5  0x000055d0b2 in "
      "lab05::(anonymous namespace)::TransferTest_OppositeTransfers_Test::TestBody()::{lambda()#1}"
      "::operator()() const (__closure=0x5) at /home/u/labs/05-lock-order/transfer_test.cpp:22\n"
      "#6  0x00007f0e5b in std::execute_native_thread_routine (__p=0x5) at "
      "../../../../../src/libstdc++-v3/src/c++11/thread.cc:82\n"
      "\n"
      "Thread 1 (Thread 0x7f0e5b (LWP 4310) \"lab_05\"):\n"
      "#0  0x00007f0e5b in __futex_abstimed_wait_common64 (private=128, cancel=true) at "
      "./nptl/futex-internal.c:57\n"
      "#1  0x00007f0e5c in std::thread::join() () from /lib/x86_64-linux-gnu/libstdc++.so.6\n";
  const std::vector<std::string> lines = cli::labs::short_stacks(gdb, lab);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "thread 3: in std::mutex::lock <- transfer.cpp:14 in lab05::transfer <- "
            "transfer_test.cpp:22 in "
            "lab05::(anonymous namespace)::TransferTest_OppositeTransf...");
}

}  // namespace
}  // namespace safelab
