// sanitizers/verdict/static_analysis.h
//
// The static checkers of `safelab check`: the Clang static analyzer (clang
// --analyze) and GCC's -fanalyzer. They read the program instead of running
// it, so they see paths no run takes (an error branch, an input nobody gave)
// that the sanitizers and Valgrind cannot, and they may warn about a path
// the program can never take. Their warnings become Reports like the
// run-time tools' reports, with the same kind names where the defect is the
// same ("double-free", "heap-use-after-free", "uninitialised value"...), so
// one --expect and one suite line hold whichever tool sees the defect.
#ifndef SAFELAB_SANITIZERS_VERDICT_STATIC_ANALYSIS_H_
#define SAFELAB_SANITIZERS_VERDICT_STATIC_ANALYSIS_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "report.h"
#include "tool.h"

namespace safelab::verdict {

// The driver and flags that analyse one source file with `tool`, before the
// program's own language flags and the file: "clang++ --analyze
// --analyzer-output text -Xanalyzer -analyzer-disable-checker=deadcode" (a
// dead store is style, not a defect), or "gcc -fanalyzer -c". `cxx` picks
// the C++ driver.
std::vector<std::string> analyzer_command(Tool tool, bool cxx);

// The analyzer's warnings in `text` (its stderr), one Report each: the
// tool's report_tool_name(), the kind, the warning as headline (paths
// reduced to file names), a frame for the function the warning is in,
// as "name()" (named by GCC's "In function" line, or read from the file for
// Clang, which does not name it), at "path:line:col", then a context frame
// for each call Clang's path notes go through ("note: Calling 'f'"). The
// compiler's own warnings are not reports.
std::vector<Report> parse_analyzer_reports(std::string_view text, Tool tool);

// Why an analyzer's report on a program (`cxx`: built as C++) is advisory
// rather than gating, or empty.
//   Clang's: an "uninitialised value" whose path goes through the
//   destructor of a std::tuple (Clang 14 loses the members of a tuple of
//   move-only objects bound with structured bindings).
//   GCC's: everything on C++ (GCC 12's manual says -fanalyzer is not yet
//   ready for C++, and it reports a std::vector's buffer as leaked in a
//   correct program), and its "possible null" warnings, which say only that
//   an unchecked malloc result could be null, as in a correct program that
//   never runs out of memory.
std::string analyzer_advisory(const Report& report, bool cxx);

// The words of a command line as CMake writes one into compile_commands.json:
// split at blanks outside quotes, with "..." and '...' quoting and backslash
// escapes: `-DNAME=\"none\"` is the one word -DNAME="none".
std::vector<std::string> split_command_line(std::string_view command);

// The command that analyses one source file with `tool`, made from the
// command its build compiled it with (a compile_commands.json entry, as
// words): the defines, include paths, -std and other -f options and the file
// are kept; the compiler, -c, the output and dependency-file options, the
// sanitizers and the warning options are dropped (-Werror would end the
// analysis at the first compiler warning), and analyzer_command(tool, cxx)
// goes in front, cxx from the file's extension.
std::vector<std::string> analysis_command_from(Tool tool, const std::vector<std::string>& compile);

// The function whose definition encloses `line` (1-based) of `file`: the
// name before the '(' of the nearest line above it that starts at column 0
// and is not a declaration, a preprocessor line or a brace. Empty if none.
std::string enclosing_function(const std::filesystem::path& file, int line);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_STATIC_ANALYSIS_H_
