// sanitizers/verdict/tools.h
//
// The dynamic checkers safelab drives, one at a time, on a standalone
// program (`safelab check`) or a catalog entry (`safelab matrix`): how to
// build for each, how to run under each, and with which options.
//
//   asan      AddressSanitizer (leak detection off: that is LSan's column)
//   ubsan     UndefinedBehaviorSanitizer, halting on the first report
//   lsan      LeakSanitizer alone
//   tsan      ThreadSanitizer, with a long history so race reports are stable
//   memcheck  Valgrind memcheck on an uninstrumented -O1 -g build
//   helgrind  Valgrind helgrind on the same build
//   intsan    UBSan's unsigned-integer-overflow and implicit-conversion
//             checks (opt-in in `safelab check`)
// (The static analyzers are in static_analysis.h.)
#ifndef SAFELAB_SANITIZERS_VERDICT_TOOLS_H_
#define SAFELAB_SANITIZERS_VERDICT_TOOLS_H_

#include <string>
#include <string_view>
#include <vector>

#include "tool.h"

namespace safelab::verdict {

// (The tools themselves, Tool, are in tool.h; only the run-time ones apply.)

// Compiler flags that instrument a program for `c` (none for Valgrind), at
// -O1, or at `opt_level` ("-O0", "-O2"...).
std::vector<std::string> compile_flags(Tool c);
std::vector<std::string> compile_flags(Tool c, std::string_view opt_level);
// "NAME=value" options for a run under `c`: safelab's, followed by the
// user's own value of the same variable (ASAN_OPTIONS, TSAN_OPTIONS...) if it
// is set, so that the user's options reach the program and win where both
// set the same option.
std::vector<std::string> run_environment(Tool c);
// Safelab's options alone.
std::vector<std::string> own_run_environment(Tool c);
// "NAME=ours" followed by ":" and the environment's NAME, when set.
std::string merge_sanitizer_options(const std::string& ours);
// The command prefix for a run under `c` (valgrind ...), or empty.
std::vector<std::string> run_prefix(Tool c);

// The llvm-symbolizer to hand to the sanitizers, or empty if none is found.
std::string symbolizer_path();

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_TOOLS_H_
