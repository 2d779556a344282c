// sanitizers/verdict/tool.h
//
// The vocabulary that the catalog (src/pairs), the verdict runner, the
// detection matrix and the labs share: which tool must see a defect, and what
// it must report. One enum, one expectation type; a header with no
// dependencies, so both sides include it without a cycle.
//
//   Tool         every checker safelab consults, run-time and compile-time:
//                the detection matrix's columns, in this order
//   build_of()   the build whose run a tool's report comes from; a build is
//                a function of the tool, not a second enum
//   Expectation  clean, or "this tool reports this kind in this function"
#ifndef SAFELAB_SANITIZERS_VERDICT_TOOL_H_
#define SAFELAB_SANITIZERS_VERDICT_TOOL_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safelab::verdict {

// Tool
//
// The run-time checkers (asan ... helgrind) run a program; the compile-time
// ones are proven by compile-fail tests of the clang build:
//   clang_thread_safety  Clang's -Wthread-safety on GUARDED_BY data
//   cxx_types            the type system: move-only types, concepts,
//                        [[nodiscard]] under -Werror
// and two static analyzers read its source (opt-in in `safelab check`,
// columns of the matrix):
//   clang_analyzer       the Clang static analyzer (clang --analyze)
//   gcc_analyzer         GCC's static analyzer (gcc -fanalyzer)
// `safelab check` offers one more, opt-in, that is no matrix column:
//   intsan               UBSan's checks of integer arithmetic that is defined
//                        but usually a bug: unsigned wrap-around, and
//                        conversions that change a value
enum class Tool {
  asan,
  ubsan,
  lsan,
  tsan,
  memcheck,
  helgrind,
  clang_thread_safety,
  cxx_types,
  intsan,
  clang_analyzer,
  gcc_analyzer
};

// The matrix's columns, in its order.
inline constexpr std::array<Tool, 10> kTools = {Tool::asan,
                                                Tool::ubsan,
                                                Tool::lsan,
                                                Tool::tsan,
                                                Tool::memcheck,
                                                Tool::helgrind,
                                                Tool::clang_thread_safety,
                                                Tool::cxx_types,
                                                Tool::clang_analyzer,
                                                Tool::gcc_analyzer};

// The checkers `safelab check --tools` accepts, in its table's order: the
// run-time columns of the matrix, then the opt-in ones.
inline constexpr std::array<Tool, 9> kCheckTools = {
    Tool::asan,     Tool::ubsan,  Tool::lsan,           Tool::tsan,        Tool::memcheck,
    Tool::helgrind, Tool::intsan, Tool::clang_analyzer, Tool::gcc_analyzer};
// True for a tool `safelab check` runs.
constexpr bool is_check_tool(Tool t) {
  return t != Tool::clang_thread_safety && t != Tool::cxx_types;
}
// True for the static analyzers: they read the program, never run it.
constexpr bool is_static_analyzer(Tool t) {
  return t == Tool::clang_analyzer || t == Tool::gcc_analyzer;
}

// "asan", "ubsan", "lsan", "tsan", "memcheck", "helgrind",
// "clang-thread-safety", "cxx-types", "intsan", "clang-analyzer",
// "gcc-analyzer".
std::string_view to_string(Tool t);
std::optional<Tool> parse_tool(std::string_view s);
// The title of the tool's column in the matrix ("ASan", "C++ types").
std::string_view title(Tool t);
// The tool's name as its reports print it ("AddressSanitizer", "Valgrind").
std::string_view report_tool_name(Tool t);

// True for the tools that run the program (asan ... helgrind, intsan).
constexpr bool runs_program(Tool t) { return is_check_tool(t) && !is_static_analyzer(t); }
// The run-time tools that are matrix columns, in matrix order.
std::vector<Tool> run_time_tools();

// build_of()
//
// The build a run-time tool's verdict is judged in, named by the tool that
// names the preset: ASan, UBSan and LSan share the asan build; TSan has its
// own; memcheck and helgrind run the default build under Valgrind (named
// Tool::memcheck). The compile-time tools are their own "build".
constexpr Tool build_of(Tool t) {
  switch (t) {
    case Tool::asan:
    case Tool::ubsan:
    case Tool::lsan: return Tool::asan;
    case Tool::memcheck:
    case Tool::helgrind: return Tool::memcheck;
    default: return t;
  }
}
// The builds the verdict runner judges in: asan, tsan, memcheck.
inline constexpr std::array<Tool, 3> kBuilds = {Tool::asan, Tool::tsan, Tool::memcheck};
// A build by name ("asan", "tsan", "memcheck"), or nullopt.
std::optional<Tool> parse_build(std::string_view s);
// The CMake preset whose binaries a build runs: "asan", "tsan", "default".
std::string_view preset_of(Tool build);

// Expectation
//
// What a verdict must observe. Clean: no report under any tool, exit status
// 0 and the correct result. Reported: a report of `kind` (normalised, e.g.
// "data race") from `tool`, one of whose stacks names `function`. The
// strings are views: of the catalog's literals, or of a lab's metadata that
// outlives the verdict.
struct Expectation {
  std::optional<Tool> tool;   // empty: clean
  std::string_view kind;      // e.g. "data race"
  std::string_view function;  // a frame of the report must name it

  constexpr bool is_clean() const { return !tool.has_value(); }
  // "clean" or "data race in count_events_unsafe".
  std::string describe() const;
};

constexpr Expectation clean() { return {}; }
constexpr Expectation reported(Tool tool, std::string_view kind, std::string_view function) {
  return {tool, kind, function};
}

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_TOOL_H_
