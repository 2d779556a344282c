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
  std::vector<std::string> cflags;   // added to every compile (-fopenmp, -Wno-...)
  std::vector<std::string> ldflags;  // after the sources (-lfoo, -L...)
  std::string std;                   // "c99", "c++17"...; empty: gnu dialect (below)
  std::string opt_level;             // "-O2"; empty: build_levels() decides
  std::filesystem::path stdin_file;  // the program's stdin; empty: /dev/null
  bool openmp = false;               // build with -fopenmp, run as below
};

// True for a C++ source (.cpp, .cc, .cxx, .C); anything else is built as C.
bool is_cxx(const std::filesystem::path& source);

// The line of a compiler's or linker's output that names the problem (its
// first error, multiple definition or undefined reference), else its first.
std::string first_error_line(const std::string& text);

// True if a source uses OpenMP: a `#pragma omp` line or an #include of
// <omp.h>. Built without -fopenmp such a program runs serially, and its
// races cannot happen.
bool uses_openmp(const std::vector<std::filesystem::path>& sources);

// OpenMP
//
// An OpenMP program is built with -fopenmp (Clang's libomp) and run with
// OMP_NUM_THREADS=4 unless the user set it, so that its parallel regions
// have several threads even on a 2-core machine. TSan alone reports races
// inside the uninstrumented libomp on every correct program; LLVM's Archer
// (libarcher.so, loaded by libomp through OMP_TOOL_LIBRARIES) tells TSan
// about OpenMP's barriers, tasks and locks, and ignore_noninstrumented_modules
// silences the runtime itself. Helgrind does not understand libomp's futex
// and spin-wait synchronisation, so it is not applicable to an OpenMP
// program (Status::not_applicable, with the reason).
//
// The Archer library, or empty if it is not installed (libomp-14-dev).
std::string archer_path();
// The environment a run of an OpenMP program under `checker` adds.
std::vector<std::string> openmp_environment(Tool checker);

// not_applicable: the checker cannot judge this program (helgrind on
// OpenMP); its detail says why, and it does not count against "clean".
// advisory: the checker reported, but only reports of a class it is known
// to give on correct programs (see advisory below): shown, counted as found
// for an expected kind, never a failure of "clean".
enum class Status { clean, detected, build_failed, timed_out, failed, not_applicable, advisory };
std::string_view to_string(Status s);
// Clean, n/a and advisory never fail "clean"; detected and advisory are
// both a checker seeing the kind it reported.
constexpr bool counts_as_clean(Status s) {
  return s == Status::clean || s == Status::not_applicable || s == Status::advisory;
}
constexpr bool counts_as_found(Status s) { return s == Status::detected || s == Status::advisory; }

// What one build (one optimisation level) of a checker saw.
struct BuildOutcome {
  std::string opt_level;  // "-O0", "-O1"...
  Status status = Status::clean;
  int runs = 0;
  int detections = 0;              // runs with a report, advisory or not
  int gating_detections = 0;       // runs with a report that is not advisory
  std::vector<std::string> kinds;  // every kind this checker reported, in order
  std::string detail;
  std::string advisory;  // why a report was advisory, if one was
};

// A checker's outcome is the union of its builds': detected if any build's
// run was reported, with the kind, headline and frame of the first report.
struct CheckerOutcome {
  Tool checker;
  Status status = Status::clean;
  int runs = 0;
  int detections = 0;                // runs in which the checker reported
  std::string kind;                  // of the first report
  std::string headline;              // of the first report
  std::string user_frame;            // "f at file.c:12": top frame in one of the sources
  std::string detail;                // build error, exit status...
  std::vector<std::string> kinds;    // every kind reported, in any build
  std::vector<BuildOutcome> builds;  // in the order they ran
  std::string advisory;              // why a report was advisory, if one was
  std::vector<Report> reports;       // distinct reports (kind, headline, top frame), up to 32
};

// Advisory reports
//
// Helgrind models pthread locks, not C++ atomics, and Valgrind's client
// requests (ANNOTATE_HAPPENS_BEFORE/AFTER) would have to be added to the
// user's code. So where it cannot know, its reports are advisory rather
// than gating: a "data race" in a program that uses atomics (std::atomic,
// _Atomic, __atomic builtins), and a "lock order violated" whose
// acquisition is inside std::lock / std::scoped_lock (which try and back off,
// and cannot deadlock). It keeps gating where it is reliable: pthread mutex
// misuse, and races in programs without atomics.
//
// True if a source uses atomics.
bool uses_atomics(const std::vector<std::filesystem::path>& sources);

struct CheckOptions {
  std::vector<Tool> checkers;
  int runs = 3;  // for tsan, helgrind and lsan; the others are deterministic: 1
  std::chrono::seconds timeout{60};
};

// The compiler for a set of sources: clang++ if any is C++, else clang.
std::string compiler_for(const std::vector<std::filesystem::path>& sources);

// The optimisation levels `checker` builds the program at: "analysis" (no
// build) for a static analyzer; the user's
// opt_level alone if set; else -O1 (code as it ships) and, for the memory
// checkers (asan, lsan, memcheck), -O0 too, because the optimiser deletes
// the very accesses they look for (a dead double free, an unused leaked
// `new`, a read of an uninitialised local).
std::vector<std::string> build_levels(Tool checker, const ProgramSpec& program);

// The compile-and-link command for one build, without the -o.
std::vector<std::string> build_command(const ProgramSpec& program, Tool checker,
                                       const std::string& opt_level);
// The command that runs static analyzer `analyzer` on one source file of
// the program, with the program's language and preprocessor flags.
std::vector<std::string> analysis_command(const ProgramSpec& program, Tool analyzer,
                                          const std::filesystem::path& source);

CheckerOutcome check_with(const ProgramSpec& program, Tool checker, const CheckOptions& options);

// The first frame of `report` whose file is one of `sources`, as
// "function at file:line", or empty.
std::string user_frame(const Report& report, const std::vector<std::filesystem::path>& sources);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_STANDALONE_H_
