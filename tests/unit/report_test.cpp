// Tests for sanitizers/verdict/report.h: each tool's report, as the tool
// prints it, reduced to tool, kind, headline and frames.
#include "verdict/report.h"

#include <gtest/gtest.h>

namespace safelab::verdict {
namespace {

// Tests that a TSan data race gives kind "data race" and the frames of both
// accesses, and that the pid is normalised out of the headline.
TEST(ReportTest, ThreadSanitizerDataRace) {
  const char* text = R"(==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Write of size 8 at 0x7ffd6c8e0e58 by thread T2:
    #0 safelab::pairs::count_events_unsafe(safelab::pairs::CountEventsInput const&)::$_0::operator()() const /src/count_events.cpp:97:17 (safelab-example+0xd5a1b) (BuildId: 7820f52bc1)
    #1 std::thread::_State_impl<>::_M_run() /usr/include/c++/12/bits/std_thread.h:211:13 (safelab-example+0xd5a1b)

  Previous write of size 8 at 0x7ffd6c8e0e58 by thread T1:
    #0 safelab::pairs::count_events_unsafe(safelab::pairs::CountEventsInput const&)::$_0::operator()() const /src/count_events.cpp:97:17 (safelab-example+0xd5a1b)

SUMMARY: ThreadSanitizer: data race /src/count_events.cpp:97:17 in operator()
==================
)";
  const auto reports = parse_reports(text);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].tool, "ThreadSanitizer");
  EXPECT_EQ(reports[0].kind, "data race");
  EXPECT_EQ(reports[0].headline, "WARNING: ThreadSanitizer: data race (pid=N)");
  ASSERT_EQ(reports[0].frames.size(), 3u);
  EXPECT_TRUE(reports[0].names("count_events_unsafe"));
  EXPECT_EQ(reports[0].frames[0].location, "/src/count_events.cpp:97:17");
  EXPECT_FALSE(reports[0].names("count_events_rust"));
}

// Tests that only the stacks of the bug name a function: a frame in the
// "created by" stack of a thread, or a function that only appears as a
// template argument (run_variant<Topic, &variant>), does not.
TEST(ReportTest, ContextStacksAndTemplateArgumentsDoNotName) {
  const auto reports = parse_reports(R"(WARNING: ThreadSanitizer: data race (pid=1)
  Read of size 8 at 0x7b70000007f8 by thread T1:
    #0 <null> <null> (safelab-example+0xf03cd)
  Previous write of size 8 at 0x7b70000007f8 by main thread:
    #0 safelab::pairs::(anonymous namespace)::consume(Batch&) /src/m.cpp:64:3 (x+0x1)
  Location is heap block of size 2048 at 0x7b7000000000 allocated by main thread:
    #0 operator new(unsigned long) <null> (x+0x2)
    #1 make_batch(int) /src/m.cpp:40:3 (x+0x3)
  Thread T1 (tid=5, running) created by main thread at:
    #0 pthread_create <null> (x+0x4)
    #1 safelab::catalog::Outcome run_variant<safelab::pairs::Topic, &(safelab::pairs::moved_unsafe(Input const&))>(Params const&) /src/catalog.h:154:23 (x+0x5)
    #2 moved_unsafe_caller() /src/m.cpp:9 (x+0x6)
SUMMARY: ThreadSanitizer: data race in consume
)");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports[0].names("consume"));
  EXPECT_FALSE(reports[0].names("make_batch"));           // allocation context
  EXPECT_FALSE(reports[0].names("moved_unsafe"));         // template argument
  EXPECT_FALSE(reports[0].names("moved_unsafe_caller"));  // creation context
}

// Tests frame_names(): whole identifiers, lambdas inside the function and
// members count; template arguments and longer names do not.
TEST(ReportTest, FrameNamesMatchesWholeFunctions) {
  EXPECT_TRUE(frame_names("ns::f(int)", "f"));
  EXPECT_TRUE(frame_names("ns::f(int)::$_0::operator()() const", "f"));
  EXPECT_TRUE(frame_names("ns::C::f() const", "f"));
  EXPECT_TRUE(frame_names("ns::f<int>(std::vector<int>)", "f"));
  EXPECT_TRUE(frame_names("std::ostream& ns::operator<<(std::ostream&, T)::$_1 ns::g()", "g"));
  EXPECT_FALSE(frame_names("run<&ns::f>(int)", "f"));
  EXPECT_FALSE(frame_names("ns::f_2(int)", "f"));
  EXPECT_FALSE(
      frame_names("ns::escaped_reference_unsafe_pointer(In const&)", "escaped_reference_unsafe"));
}

// Tests that TSan's deadlock report is normalised to "lock-order-inversion".
TEST(ReportTest, ThreadSanitizerLockOrderInversion) {
  const auto reports = parse_reports(
      "WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock) (pid=7)\n"
      "    #0 pthread_mutex_lock <null> (a.out+0x1)\n"
      "    #1 transfer_unsafe(Bank&, int, int) /src/bank.cpp:10 (a.out+0x2)\n");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, "lock-order-inversion");
  EXPECT_TRUE(reports[0].names("transfer_unsafe"));
}

// Tests ASan's kinds, including the two-word double free.
TEST(ReportTest, AddressSanitizerKinds) {
  auto uaf = parse_reports(
      "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x1 bp "
      "0x2 sp 0x3\nREAD of size 4 at 0x602000000010 thread T0\n"
      "    #0 0x4f3c in use_after_free() /src/buf.cpp:12:5\n"
      "SUMMARY: AddressSanitizer: heap-use-after-free /src/buf.cpp:12:5 in use_after_free()\n");
  ASSERT_EQ(uaf.size(), 1u);
  EXPECT_EQ(uaf[0].tool, "AddressSanitizer");
  EXPECT_EQ(uaf[0].kind, "heap-use-after-free");
  EXPECT_EQ(uaf[0].headline,
            "==N==ERROR: AddressSanitizer: heap-use-after-free on address 0x... at pc 0x... bp "
            "0x... sp 0x...");
  EXPECT_TRUE(uaf[0].names("use_after_free"));

  auto df = parse_reports(
      "==1==ERROR: AddressSanitizer: attempting double-free on 0x6 in "
      "thread T0:\n    #0 0x1 in free_twice() /src/b.cpp:3\n");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(df[0].kind, "double-free");
}

// Tests that LeakSanitizer's report keeps the allocation stack.
TEST(ReportTest, LeakSanitizer) {
  auto r = parse_reports(
      "==9==ERROR: LeakSanitizer: detected memory leaks\n\n"
      "Direct leak of 32 byte(s) in 1 object(s) allocated from:\n"
      "    #0 0x1 in operator new(unsigned long) (a.out+0x1)\n"
      "    #1 0x2 in build_cycle(int) /src/graph.cpp:20:3\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].tool, "LeakSanitizer");
  EXPECT_EQ(r[0].kind, "detected memory leaks");
  EXPECT_TRUE(r[0].names("build_cycle"));
}

// Tests that UBSan's kind comes from the SUMMARY line (report_error_type=1).
TEST(ReportTest, UndefinedBehaviorSanitizer) {
  auto r = parse_reports(
      "/src/prices.cpp:14:11: runtime error: signed integer overflow: 2147483647 + 1 cannot be "
      "represented in type 'int'\n"
      "    #0 0x1 in sum_prices_unsafe(std::vector<int> const&) /src/prices.cpp:14:11\n"
      "SUMMARY: UndefinedBehaviorSanitizer: signed-integer-overflow /src/prices.cpp:14:11 in \n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].tool, "UndefinedBehaviorSanitizer");
  EXPECT_EQ(r[0].kind, "signed-integer-overflow");
  EXPECT_TRUE(r[0].names("sum_prices_unsafe"));
  EXPECT_EQ(r[0].headline,
            "prices.cpp:14:11: runtime error: signed integer overflow: 2147483647 + 1 cannot be "
            "represented in type 'int'")
      << "the machine's path is not part of the headline";
}

// Tests that headlines carry no absolute path, address or pid: the same bug
// prints the same line on every machine and every run.
TEST(ReportTest, NormaliseLineDropsWhatTheMachineChose) {
  EXPECT_EQ(normalise_line("/work/main/src/pairs/errors/sum_prices.cpp:79:28: runtime error: x"),
            "sum_prices.cpp:79:28: runtime error: x");
  EXPECT_EQ(normalise_line("../../src/pairs/errors/sum_prices.cpp:79:28: runtime error: x"),
            "sum_prices.cpp:79:28: runtime error: x");
  EXPECT_EQ(normalise_line("READ at 0x7ffd12 by thread T1 (/tmp/b/bin/safelab-example+0x1f)"),
            "READ at 0x... by thread T1 (safelab-example+0x...)");
  EXPECT_EQ(normalise_line("WARNING: ThreadSanitizer: data race (pid=4242)"),
            "WARNING: ThreadSanitizer: data race (pid=N)");
  EXPECT_EQ(normalise_line("==123== Conditional jump depends on uninitialised value(s)"),
            "==N== Conditional jump depends on uninitialised value(s)");
  EXPECT_EQ(normalise_line("a/b relative/path.cpp:3 and 1/2 stay"),
            "a/b relative/path.cpp:3 and 1/2 stay");
}

// Tests Valgrind memcheck's uninitialised-value report and its frames.
TEST(ReportTest, ValgrindUninitialisedValue) {
  auto r = parse_reports(
      "==31== Conditional jump or move depends on uninitialised value(s)\n"
      "==31==    at 0x10A2B4: safelab::pairs::uninit_read_unsafe(int) (uninit.cpp:30)\n"
      "==31==    by 0x10B000: main (example_main.cpp:70)\n"
      "==31== \n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].tool, "Valgrind");
  EXPECT_EQ(r[0].kind, "uninitialised value");
  ASSERT_EQ(r[0].frames.size(), 2u);
  EXPECT_EQ(r[0].frames[0].function, "safelab::pairs::uninit_read_unsafe(int)");
  EXPECT_EQ(r[0].frames[0].location, "uninit.cpp:30");
}

// Tests a frame without line information, as TSan prints it for some
// optimised C code.
TEST(ReportTest, FrameWithoutLineNumber) {
  auto r = parse_reports(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "    #0 bump /src/race.c (race-tsan+0xd01a1) (BuildId: b49dcfd83b)\n");
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].frames.size(), 1u);
  EXPECT_EQ(r[0].frames[0].function, "bump");
  EXPECT_EQ(r[0].frames[0].location, "/src/race.c");
}

// Tests memcheck's leak records. Valgrind's manual (Memcheck, "Memory leak
// detection") prints a block that heads others as "N (D direct, I indirect)
// bytes in B blocks are definitely lost"; a leaked cycle of shared_ptrs
// prints exactly that, and must be a leak report, as must the "indirectly"
// and "possibly" lost records.
TEST(ReportTest, ValgrindLeakRecords) {
  auto r = parse_reports(
      "==7== 128 (64 direct, 64 indirect) bytes in 1 blocks are definitely lost in loss record 2 "
      "of 2\n"
      "==7==    at 0x4840F2F: operator new(unsigned long) (vg_replace_malloc.c:422)\n"
      "==7==    by 0x10921A: make_pair_of_nodes() (shared_ptr_cycle.cpp:19)\n"
      "==7== \n"
      "==7== 64 bytes in 1 blocks are indirectly lost in loss record 1 of 3\n"
      "==7== 1,024 bytes in 2 blocks are possibly lost in loss record 3 of 3\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].kind, "definitely lost");
  EXPECT_TRUE(r[0].names("make_pair_of_nodes"));
  EXPECT_EQ(r[1].kind, "indirectly lost");
  EXPECT_EQ(r[2].kind, "possibly lost");
}

// Tests the reports that Valgrind 3.19 prints for a call through a NULL
// function pointer (output of memcheck on such a program, quoted): the
// "Jump to the invalid address" error, counted in its ERROR SUMMARY, and the
// fatal-signal block its core prints with the faulting stack. Both were
// unrecognised, so the run read "no report, killed by signal 11".
TEST(ReportTest, ValgrindInvalidJumpAndFatalSignal) {
  auto r = parse_reports(
      "==14416== Jump to the invalid address stated on the next line\n"
      "==14416==    at 0x0: ???\n"
      "==14416==    by 0x109179: main (null_callback.c:18)\n"
      "==14416==  Address 0x0 is not stack'd, malloc'd or (recently) free'd\n"
      "==14416== \n"
      "==14416== Process terminating with default action of signal 11 (SIGSEGV)\n"
      "==14416==  Bad permissions for mapped region at address 0x0\n"
      "==14416==    at 0x0: ???\n"
      "==14416==    by 0x109179: main (null_callback.c:18)\n"
      "==14416== \n"
      "==14416== HEAP SUMMARY:\n"
      "==14416==     in use at exit: 0 bytes in 0 blocks\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kind, "invalid jump");
  EXPECT_TRUE(r[0].names("main"));
  EXPECT_EQ(r[1].kind, "SEGV");
  EXPECT_TRUE(r[1].names("main"));
  // SIGABRT (an assert) is the program's own message, not a report.
  EXPECT_TRUE(parse_reports("==9== Process terminating with default action of signal 6 "
                            "(SIGABRT)\n==9==    at 0x4: raise (raise.c:50)\n")
                  .empty());
}

// Tests helgrind's report for unlocking a PTHREAD_MUTEX_INITIALIZER mutex
// that was never locked (helgrind 3.19's words, quoted): it has not seen the
// mutex, so it says "invalid lock"; the kind is the same as for a second
// unlock, as TSan names both.
TEST(ReportTest, HelgrindUnlockOfANeverLockedMutex) {
  auto r = parse_reports(
      "==14453== Thread #1 unlocked an invalid lock at 0x10C040\n"
      "==14453==    at 0x4849C86: ??? (in "
      "/usr/libexec/valgrind/vgpreload_helgrind-amd64-linux.so)\n"
      "==14453==    by 0x10916A: record_update (unlock_never_locked.c:15)\n"
      "==14453==    by 0x109176: main (unlock_never_locked.c:19)\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, "unlock of an unlocked mutex");
  EXPECT_TRUE(r[0].names("record_update"));
}

// Tests helgrind's report of a thread that exits holding a lock (helgrind
// 3.19 on tests/check/thread_holds_lock.c, quoted): its own stack is
// start_thread and clone only, so the stack of the announcement "Thread #2
// was created" is added as context, where the user's pthread_create is. The
// announcement ends the report before it: its frames are not that report's.
TEST(ReportTest, HelgrindExitingThreadGetsItsCreationStack) {
  auto r = parse_reports(
      "==16908== Possible data race during write of size 4 at 0x10C03C by thread #1\n"
      "==16908==    at 0x109170: bump (race.c:9)\n"
      "==16908== \n"
      "==16908== ---Thread-Announcement------------------------------------------\n"
      "==16908== \n"
      "==16908== Thread #2 was created\n"
      "==16908==    at 0x496FB3F: clone (clone.S:76)\n"
      "==16908==    by 0x48F08EC: pthread_create@@GLIBC_2.34 (pthread_create.c:831)\n"
      "==16908==    by 0x10919F: main (thread_holds_lock.c:16)\n"
      "==16908== \n"
      "==16908== ----------------------------------------------------------------\n"
      "==16908== \n"
      "==16908== Thread #2: Exiting thread still holds 1 lock\n"
      "==16908==    at 0x48F0226: start_thread (pthread_create.c:593)\n"
      "==16908==    by 0x496FB4F: clone (clone.S:100)\n"
      "==16908== \n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kind, "data race");
  EXPECT_EQ(r[0].frames.size(), 1u);
  EXPECT_FALSE(r[0].names("main"));
  EXPECT_EQ(r[1].kind, "thread exits holding a lock");
  ASSERT_EQ(r[1].frames.size(), 5u);
  EXPECT_EQ(r[1].frames[4].function, "main");
  EXPECT_EQ(r[1].frames[4].location, "thread_holds_lock.c:16");
  EXPECT_TRUE(r[1].frames[4].context);
  EXPECT_FALSE(r[1].names("main"));  // context: it did not hold the lock
}

// Tests sanitizer frames whose source path has a space in it: ASan and TSan
// print the path as is, followed by the module in parentheses.
TEST(ReportTest, FramePathWithSpaces) {
  auto r = parse_reports(
      "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010\n"
      "    #0 0x4f3a in read_after_free(int*) /home/me/my project/use after free.cpp:7:10 "
      "(/home/me/my project/a.out+0x4f3a) (BuildId: 12ab)\n"
      "    #1 0x4f9b in main (/home/me/my project/a.out+0x4f9b)\n"
      "WARNING: ThreadSanitizer: data race (pid=9)\n"
      "    #0 bump /tmp/a b/race.c:10:5 (race+0xd01a1)\n");
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(r[0].frames.size(), 2u);
  EXPECT_EQ(r[0].frames[0].function, "read_after_free(int*)");
  EXPECT_EQ(r[0].frames[0].location, "/home/me/my project/use after free.cpp:7:10");
  EXPECT_EQ(r[0].frames[1].function, "main");
  EXPECT_EQ(r[0].frames[1].location, "");
  ASSERT_EQ(r[1].frames.size(), 1u);
  EXPECT_EQ(r[1].frames[0].function, "bump");
  EXPECT_EQ(r[1].frames[0].location, "/tmp/a b/race.c:10:5");
}

// Tests the function name shown in a table cell: no template arguments,
// parameter types or qualifiers, lambdas named as such, and at most `max`
// characters, the innermost names kept.
TEST(ReportTest, ShortFunctionName) {
  EXPECT_EQ(short_function_name("ns::Box<std::vector<int, std::allocator<int> > >::get(unsigned "
                                "long) const"),
            "ns::Box::get()");
  EXPECT_EQ(short_function_name("safelab::pairs::count_events_unsafe(safelab::pairs::"
                                "CountEventsInput const&)::$_0::operator()() const"),
            "safelab::pairs::count_events_unsafe()::lambda");
  EXPECT_EQ(short_function_name("(anonymous namespace)::helper(int)"), "helper()");
  EXPECT_EQ(short_function_name("bool std::operator< <int>(std::pair<int, int> const&)"),
            "bool std::operator<()");
  EXPECT_EQ(short_function_name("main"), "main");
  const std::string deep =
      "a_rather_long_namespace::another_long_namespace::yet_another_namespace::"
      "SomeClass::some_member_function(int)";
  const std::string shown = short_function_name(deep, 40);
  EXPECT_LE(shown.size(), 40u);
  EXPECT_EQ(shown, "...SomeClass::some_member_function()");
}

// Tests that ordinary output is not mistaken for a report.
TEST(ReportTest, CleanOutputHasNoReport) {
  EXPECT_TRUE(parse_reports("ENTRY a/b\nRESULT 3\nEXPECTED 3\nDONE\n").empty());
  EXPECT_TRUE(parse_reports("").empty());
}

}  // namespace
}  // namespace safelab::verdict
