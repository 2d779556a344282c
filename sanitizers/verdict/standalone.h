// sanitizers/verdict/standalone.h
//
// check_program(): builds a program that is not in the catalog (one or more
// C or C++ files) once per checker, runs each build (several times where
// detection depends on timing), and says what each checker reported. This is
// `safelab check`: how a learner or an engineer runs the sanitizer suite on
// their own code, or on an external good/bad corpus.
//
// A build failure, a crash without a report and a run killed at the time
// limit are outcomes of their own, never "clean".
#ifndef SAFELAB_SANITIZERS_VERDICT_STANDALONE_H_
#define SAFELAB_SANITIZERS_VERDICT_STANDALONE_H_

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "report.h"
#include "tools.h"

namespace safelab::verdict {

struct ProgramSpec {
  std::vector<std::filesystem::path> sources;  // .c / .cpp / .cc / .cxx
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;  // NAME or NAME=VALUE
  std::vector<std::string> args;     // passed to the program
  std::filesystem::path work_dir;    // where the builds go
};

enum class Status { clean, detected, build_failed, timed_out, failed };
std::string_view to_string(Status s);

struct CheckerOutcome {
  Tool checker;
  Status status = Status::clean;
  int runs = 0;
  int detections = 0;      // runs in which the checker reported
  std::string kind;        // of the first report
  std::string headline;    // of the first report
  std::string user_frame;  // "f at file.c:12": top frame in one of the sources
  std::string detail;      // build error, exit status...
};

struct CheckOptions {
  std::vector<Tool> checkers;
  int runs = 3;  // for tsan and helgrind; the others are deterministic: 1
  std::chrono::seconds timeout{60};
};

// The compiler for a set of sources: clang++ if any is C++, else clang.
std::string compiler_for(const std::vector<std::filesystem::path>& sources);

CheckerOutcome check_with(const ProgramSpec& program, Tool checker, const CheckOptions& options);

// The first frame of `report` whose file is one of `sources`, as
// "function at file:line", or empty.
std::string user_frame(const Report& report, const std::vector<std::filesystem::path>& sources);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_STANDALONE_H_
