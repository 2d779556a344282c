#include "tool.h"

namespace safelab::verdict {

std::string_view to_string(Tool t) {
  switch (t) {
    case Tool::asan: return "asan";
    case Tool::ubsan: return "ubsan";
    case Tool::lsan: return "lsan";
    case Tool::tsan: return "tsan";
    case Tool::memcheck: return "memcheck";
    case Tool::helgrind: return "helgrind";
    case Tool::clang_thread_safety: return "clang-thread-safety";
    case Tool::cxx_types: return "cxx-types";
    case Tool::intsan: return "intsan";
    case Tool::clang_analyzer: return "clang-analyzer";
    case Tool::gcc_analyzer: return "gcc-analyzer";
  }
  return "?";
}

std::optional<Tool> parse_tool(std::string_view s) {
  for (Tool t : kTools) {
    if (to_string(t) == s) return t;
  }
  for (Tool t : kCheckTools) {
    if (to_string(t) == s) return t;
  }
  return std::nullopt;
}

std::string_view title(Tool t) {
  switch (t) {
    case Tool::asan: return "ASan";
    case Tool::ubsan: return "UBSan";
    case Tool::lsan: return "LSan";
    case Tool::tsan: return "TSan";
    case Tool::memcheck: return "memcheck";
    case Tool::helgrind: return "helgrind";
    case Tool::clang_thread_safety: return "Clang thread-safety";
    case Tool::cxx_types: return "C++ types";
    case Tool::intsan: return "integer checks";
    case Tool::clang_analyzer: return "Clang analyzer";
    case Tool::gcc_analyzer: return "GCC analyzer";
  }
  return "?";
}

std::string_view report_tool_name(Tool t) {
  switch (t) {
    case Tool::asan: return "AddressSanitizer";
    case Tool::ubsan: return "UndefinedBehaviorSanitizer";
    case Tool::lsan: return "LeakSanitizer";
    case Tool::tsan: return "ThreadSanitizer";
    case Tool::memcheck:
    case Tool::helgrind: return "Valgrind";
    case Tool::clang_thread_safety: return "clang";
    case Tool::cxx_types: return "the compiler";
    case Tool::intsan: return "UndefinedBehaviorSanitizer";
    case Tool::clang_analyzer: return "Clang static analyzer";
    case Tool::gcc_analyzer: return "GCC static analyzer";
  }
  return "?";
}

std::vector<Tool> run_time_tools() {
  std::vector<Tool> out;
  for (Tool t : kTools) {
    if (runs_program(t)) out.push_back(t);
  }
  return out;
}

std::optional<Tool> parse_build(std::string_view s) {
  for (Tool b : kBuilds) {
    if (to_string(b) == s) return b;
  }
  return std::nullopt;
}

std::string_view preset_of(Tool build) {
  return build_of(build) == Tool::memcheck ? "default" : to_string(build_of(build));
}

std::string Expectation::describe() const {
  return is_clean() ? std::string("clean") : std::string(kind) + " in " + std::string(function);
}

}  // namespace safelab::verdict
