// src/cli/labs_check.h
//
// What `safelab labs check` does for one lab, in pieces that the CTest gate
// (`safelab-maint judge`) and the tests reuse:
//
//   run_tests()    runs a lab's test binary in a child process with the
//                  sanitizer options of its build (the verdict runner's)
//   judge_tests()  reads what happened, with the verdict runner's report
//                  parser: passed, failed as the lab intends, or failed
//                  otherwise, in plain words plus the first relevant line
//   LabBuild       the learner's build of the lab set for one flavour
//                  (default, asan, tsan): installs safelab from the matching
//                  safelab build into a private prefix, configures labs/ out
//                  of tree against it once, then builds one lab's target
//                  incrementally (a few seconds after an edit)
#ifndef SAFELAB_CLI_LABS_CHECK_H_
#define SAFELAB_CLI_LABS_CHECK_H_

#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "labs_model.h"
#include "verdict/process.h"

namespace safelab::cli::labs {

// The verdict runner's flavour for a lab build name ("default" has none).
std::vector<std::string> environment_for(const std::string& build);

// run_tests()
//
// Runs `binary` (a GoogleTest binary) under `build`'s sanitizer options, at
// most `timeout`. At the limit every thread's stack is taken with gdb, when
// it can attach, and appended to the result's `out` after kStacksMarker;
// then the run is killed (timed_out).
inline constexpr std::string_view kStacksMarker = "--- thread stacks at the time limit (gdb):";
verdict::ProcessResult run_tests(const std::filesystem::path& binary, const std::string& build,
                                 std::chrono::seconds timeout);

struct Judgement {
  bool pass = false;      // exit 0, no sanitizer report, no failed test
  bool intended = false;  // failed exactly as lab.fails_as says (in that build)
  std::string summary;    // plain words: what happened
  std::string detail;     // the first relevant line of the report or failure
  // The sanitizer report, short: each stack's header and its top frame in
  // the lab's own files (see short_report()).
  std::vector<std::string> report;
};

// short_report()
//
// The first sanitizer report in `err`, normalised (no addresses, file names
// without directories) and cut to what teaches: for each stack that matters
// (TSan's two accesses, ASan's access and "freed by ... here", LSan's leaks;
// not "allocated by", "thread created" or "location is"), its header and its
// top frame in the lab's own files ("count_errors.cpp:20 in
// lab01::count_errors(...)"); for UBSan, its "runtime error" line. Empty if
// there is no report.
std::vector<std::string> short_report(const std::string& err, const Lab& lab);

// hang_stacks(): short_stacks() of what run_tests() appended, or {}.
std::vector<std::string> hang_stacks(const verdict::ProcessResult& run, const Lab& lab);

// The test that was running when a run was killed: the last
// "[ RUN      ] Suite.Name" with no result line after it, or "".
std::string running_test(const std::string& out);

// judge_tests(): decides one run of a lab's test binary in `build`.
Judgement judge_tests(const Lab& lab, const std::string& build, const verdict::ProcessResult& run);

// The first line of compiler output that states an error, relative paths.
std::string first_error_line(const std::string& output);

// LabBuild
//
// One flavour of the learner's build, under `work`/<build>/:
//   prefix/  safelab installed from `safelab_build` (the preset build of
//            the same flavour: build/default, build/asan, build/tsan)
//   build/   labs/ configured against prefix/ with the same compiler
class LabBuild {
 public:
  LabBuild(std::string build, const std::filesystem::path& safelab_build,
           const std::filesystem::path& work, const std::filesystem::path& labs_dir);

  const std::string& name() const { return build_; }

  // LabBuild::prepare()
  //
  // Installs (only what changed) and configures (only the first time).
  // Returns an error message in plain words, or nullopt.
  std::optional<std::string> prepare(std::ostream& progress);

  struct Compile {
    bool ok = false;
    std::string first_error;  // when !ok
    std::string output;       // the whole build log
    std::chrono::milliseconds elapsed{};
  };
  // LabBuild::compile(): builds `lab`'s target only.
  Compile compile(const Lab& lab);
  // LabBuild::build_targets(): builds these targets of the labs build.
  Compile build_targets(const std::vector<std::string>& targets);

  std::filesystem::path binary(const Lab& lab) const;

 private:
  std::string build_;
  std::filesystem::path safelab_build_;
  std::filesystem::path work_;
  std::filesystem::path labs_dir_;
};

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_CHECK_H_
