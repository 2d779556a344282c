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
#ifndef SAFELAB_SANITIZERS_VERDICT_TOOLS_H_
#define SAFELAB_SANITIZERS_VERDICT_TOOLS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safelab::verdict {

enum class Checker { asan, ubsan, lsan, tsan, memcheck, helgrind };

std::string_view to_string(Checker c);
std::optional<Checker> parse_checker(std::string_view s);
std::vector<Checker> all_checkers();
// The tool's name as its reports print it ("AddressSanitizer", "Valgrind").
std::string_view report_tool_name(Checker c);

// Compiler flags that instrument a program for `c` (none for Valgrind).
std::vector<std::string> compile_flags(Checker c);
// "NAME=value" options for a run under `c`.
std::vector<std::string> run_environment(Checker c);
// The command prefix for a run under `c` (valgrind ...), or empty.
std::vector<std::string> run_prefix(Checker c);

// The llvm-symbolizer to hand to the sanitizers, or empty if none is found.
std::string symbolizer_path();

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_TOOLS_H_
