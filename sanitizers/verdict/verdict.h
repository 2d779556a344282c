// sanitizers/verdict/verdict.h
//
// The verdict runner: runs one catalog entry in a child process under one
// sanitizer build and decides whether what happened is what the catalog says
// must happen, the way LLVM's compiler-rt tests `CHECK:` a report.
//
//   expected clean   -> pass iff no report, exit 0, RESULT == EXPECTED, DONE
//   expected report  -> pass iff a report of that kind names the function
//
// A timeout (a deadlock, say) is an outcome too: it fails the verdict with
// "timed out", it never hangs the caller.
#ifndef SAFELAB_SANITIZERS_VERDICT_VERDICT_H_
#define SAFELAB_SANITIZERS_VERDICT_VERDICT_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "process.h"
#include "report.h"
#include "tool.h"

namespace safelab::verdict {

// A job runs in one build (see build_of() in tool.h):
//   Tool::asan      build/asan: ASan + UBSan + LSan
//   Tool::tsan      build/tsan: ThreadSanitizer with instrumented oneTBB and Abseil
//   Tool::memcheck  build/default under Valgrind memcheck
struct Job {
  std::string entry;  // "topic/variant"
  Tool build = Tool::asan;
  std::string example;  // path of that build's safelab-example
  Expectation expect;
  int runs = 1;
  std::chrono::seconds timeout{120};
  std::vector<std::string> extra_args;  // e.g. --threads 4
};

struct RunOutcome {
  bool pass = false;
  std::string why;               // one line: what matched or what did not
  std::optional<Report> report;  // the first report, if any
  ProcessResult process;
};

struct Verdict {
  Job job;
  std::vector<RunOutcome> runs;

  int passed() const;
  bool pass() const { return passed() == static_cast<int>(runs.size()) && !runs.empty(); }
  // The outcome to show: the first failing run, else the first run.
  const RunOutcome& representative() const;
};

// The environment a build's child runs with (sanitizer options, symbolizer).
std::vector<std::string> sanitizer_environment(Tool build);

// The command line for one run of `job` (valgrind prefix for memcheck).
std::vector<std::string> command_for(const Job& job);

// environment_problem()
//
// When a sanitizer could not run at all because of the machine (TSan and a
// high vm.mmap_rnd_bits, LSan under ptrace), says so and how to fix it;
// otherwise empty. Such a run fails: it is never taken for a clean one.
std::string environment_problem(const std::string& err);

// judge(): decides one run. Exposed for tests with canned output.
RunOutcome judge(const Expectation& expect, ProcessResult process);

// run(): runs `job.runs` times and judges each run. `progress` (may be null)
// is called before each run with its 1-based index.
Verdict run(const Job& job, void (*progress)(const Job&, int run) = nullptr);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_VERDICT_H_
