// sanitizers/verdict/suite.h
//
// A folder of programs as a test suite, the way LLVM's lit runs
// compiler-rt's tests: each program states in its leading comment what
// `safelab check` must see, and the suite runner judges each checker's
// outcome against it.
//
//   SuiteHeader   what a program's leading comment says (parse_header)
//   Expected      one "KIND (TOOL) in FUNCTION" alternative
//   Cell          one checker's outcome against the header: found, missed,
//                 false report...
//
// The grammar, in the program's first lines (C or C++ line comments):
//
//   // expect: clean
//   // expect: KIND [(TOOL)] [in FUNCTION] [; KIND [(TOOL)] [in FUNCTION]]...
//   // args: WORD...          optional: the program's arguments
//   // stdin: FILE            optional: its stdin, relative to the program
//   // tools: TOOL,TOOL...    optional: the checkers to run (else the suite's)
//
// The first line must be an `expect:` line; further `expect:` lines add
// alternatives. KIND is a kind as `safelab check --kinds` lists it (any
// case); TOOL a checker of `--tools` (asan ... helgrind, intsan,
// clang-analyzer, gcc-analyzer; any checker if omitted); FUNCTION a
// function one of the report's stacks must
// name (see Report::names). A bad program passes when at least one
// alternative is seen; a clean one when no checker reports (advisory and
// n/a outcomes are not reports).
#ifndef SAFELAB_SANITIZERS_VERDICT_SUITE_H_
#define SAFELAB_SANITIZERS_VERDICT_SUITE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "standalone.h"

namespace safelab::verdict {

struct Expected {
  std::string kind;          // canonical spelling, as known_kinds() lists it
  std::optional<Tool> tool;  // empty: any checker
  std::string function;      // empty: anywhere
};

struct SuiteHeader {
  bool clean = false;
  std::vector<Expected> expected;  // empty when clean
  std::vector<std::string> args;
  std::string stdin_file;
  std::vector<Tool> tools;  // empty: the suite's
};

// parse_header()
//
// The header of a program's text, nullopt if its first line is not an
// `expect:` line (the file is not part of the suite). A malformed header
// (an unknown kind or tool) sets `error` and returns nullopt.
std::optional<SuiteHeader> parse_header(std::string_view text, std::string* error);

// The canonical spelling of `kind` (any case), or empty if no run-time
// tool reports it.
std::string canonical_kind(std::string_view kind);

// Cell
//
// One checker's outcome on one program, against its header:
//   found         it reported an expected kind (naming the function if given)
//   missed        an expectation named this checker and it did not see it
//   false_report  it reported on a program expected clean
//   other         it reported something not expected (on a bad program)
//   quiet         clean, and nothing was expected of it
//   not_applicable, advisory, error (build failure, crash, timeout)
enum class Cell { found, missed, false_report, other, quiet, not_applicable, advisory, error };
std::string_view to_string(Cell c);

// True if some report of `outcome` matches `e` (kind, tool, function).
bool sees(const CheckerOutcome& outcome, const Expected& e);
Cell judge_cell(const SuiteHeader& header, const CheckerOutcome& outcome);
// The program passes: clean and no checker reported, or some expectation seen.
bool judge_program(const SuiteHeader& header, const std::vector<CheckerOutcome>& outcomes);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_SUITE_H_
