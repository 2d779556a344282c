#include "tools.h"

#include <filesystem>

namespace safelab::verdict {

std::string_view to_string(Checker c) {
  switch (c) {
    case Checker::asan: return "asan";
    case Checker::ubsan: return "ubsan";
    case Checker::lsan: return "lsan";
    case Checker::tsan: return "tsan";
    case Checker::memcheck: return "memcheck";
    case Checker::helgrind: return "helgrind";
  }
  return "?";
}

std::optional<Checker> parse_checker(std::string_view s) {
  for (Checker c : all_checkers()) {
    if (to_string(c) == s) return c;
  }
  return std::nullopt;
}

std::vector<Checker> all_checkers() {
  return {Checker::asan, Checker::ubsan,    Checker::lsan,
          Checker::tsan, Checker::memcheck, Checker::helgrind};
}

std::string_view report_tool_name(Checker c) {
  switch (c) {
    case Checker::asan: return "AddressSanitizer";
    case Checker::ubsan: return "UndefinedBehaviorSanitizer";
    case Checker::lsan: return "LeakSanitizer";
    case Checker::tsan: return "ThreadSanitizer";
    case Checker::memcheck:
    case Checker::helgrind: return "Valgrind";
  }
  return "?";
}

std::vector<std::string> compile_flags(Checker c) {
  // DWARF 4: Valgrind 3.19 cannot read the DWARF 5 forms Clang 14 emits.
  std::vector<std::string> flags = {"-gdwarf-4", "-O1", "-fno-omit-frame-pointer"};
  switch (c) {
    case Checker::asan: flags.emplace_back("-fsanitize=address"); break;
    case Checker::ubsan:
      flags.insert(flags.end(), {"-fsanitize=undefined", "-fno-sanitize-recover=all"});
      break;
    case Checker::lsan: flags.emplace_back("-fsanitize=leak"); break;
    case Checker::tsan: flags.emplace_back("-fsanitize=thread"); break;
    case Checker::memcheck:
    case Checker::helgrind: break;
  }
  return flags;
}

std::string symbolizer_path() {
  for (const char* path : {"/usr/bin/llvm-symbolizer", "/usr/lib/llvm-14/bin/llvm-symbolizer"}) {
    if (std::filesystem::exists(path)) return path;
  }
  return {};
}

std::vector<std::string> run_environment(Checker c) {
  const std::string sym = symbolizer_path();
  const std::string sym_opt = sym.empty() ? "" : ":external_symbolizer_path=" + sym;
  // exitcode=66 tells a tool's exit from the program's own failures.
  switch (c) {
    case Checker::asan:
      return {
          "ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1:halt_on_error=1:"
          "exitcode=66" +
          sym_opt};
    case Checker::ubsan:
      return {"UBSAN_OPTIONS=print_stacktrace=1:report_error_type=1:halt_on_error=1:exitcode=66" +
              sym_opt};
    case Checker::lsan: return {"LSAN_OPTIONS=exitcode=66" + sym_opt};
    case Checker::tsan:
      return {
          "TSAN_OPTIONS=halt_on_error=0:exitcode=66:second_deadlock_stack=1:"
          "report_signal_unsafe=0:history_size=7" +
          sym_opt};
    case Checker::memcheck:
    case Checker::helgrind: return {};
  }
  return {};
}

std::vector<std::string> run_prefix(Checker c) {
  switch (c) {
    case Checker::memcheck:
      return {"valgrind",
              "--tool=memcheck",
              "--error-exitcode=66",
              "--track-origins=yes",
              "--leak-check=full",
              "--errors-for-leak-kinds=definite",
              "--num-callers=30",
              "-q"};
    case Checker::helgrind:
      return {"valgrind", "--tool=helgrind", "--error-exitcode=66", "--num-callers=30", "-q"};
    default: return {};
  }
}

}  // namespace safelab::verdict
