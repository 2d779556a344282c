#include "tools.h"

#include <cstdlib>
#include <filesystem>

namespace safelab::verdict {

std::vector<std::string> compile_flags(Tool c) { return compile_flags(c, "-O1"); }

std::vector<std::string> compile_flags(Tool c, std::string_view opt_level) {
  // DWARF 4: Valgrind 3.19 cannot read the DWARF 5 forms Clang 14 emits.
  std::vector<std::string> flags = {"-gdwarf-4", std::string(opt_level), "-fno-omit-frame-pointer"};
  switch (c) {
    case Tool::asan: flags.emplace_back("-fsanitize=address"); break;
    case Tool::ubsan:
      flags.insert(flags.end(), {"-fsanitize=undefined", "-fno-sanitize-recover=all"});
      break;
    case Tool::lsan: flags.emplace_back("-fsanitize=leak"); break;
    case Tool::tsan: flags.emplace_back("-fsanitize=thread"); break;
    case Tool::intsan:
      // Defined behaviour, so opt-in: wrap-around is how hashes and ring
      // indices are written on purpose.
      flags.insert(flags.end(), {"-fsanitize=unsigned-integer-overflow,implicit-conversion",
                                 "-fno-sanitize-recover=all"});
      break;
    default: break;  // Valgrind and the compile-time tools: no instrumentation
  }
  return flags;
}

std::string symbolizer_path() {
  for (const char* path : {"/usr/bin/llvm-symbolizer", "/usr/lib/llvm-14/bin/llvm-symbolizer"}) {
    if (std::filesystem::exists(path)) return path;
  }
  return {};
}

std::string merge_sanitizer_options(const std::string& ours) {
  const auto eq = ours.find('=');
  if (eq == std::string::npos) return ours;
  const char* user = std::getenv(ours.substr(0, eq).c_str());
  if (user == nullptr || *user == '\0') return ours;
  // The sanitizers read options left to right, the last one winning.
  return ours + ":" + user;
}

std::vector<std::string> run_environment(Tool c) {
  std::vector<std::string> env = own_run_environment(c);
  for (std::string& kv : env) kv = merge_sanitizer_options(kv);
  return env;
}

std::vector<std::string> own_run_environment(Tool c) {
  const std::string sym = symbolizer_path();
  const std::string sym_opt = sym.empty() ? "" : ":external_symbolizer_path=" + sym;
  // exitcode=66 tells a tool's exit from the program's own failures.
  switch (c) {
    case Tool::asan:
      return {
          "ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1:halt_on_error=1:"
          "exitcode=66" +
          sym_opt};
    case Tool::ubsan:
    case Tool::intsan:
      return {"UBSAN_OPTIONS=print_stacktrace=1:report_error_type=1:halt_on_error=1:exitcode=66" +
              sym_opt};
    case Tool::lsan: return {"LSAN_OPTIONS=exitcode=66" + sym_opt};
    case Tool::tsan:
      return {
          "TSAN_OPTIONS=halt_on_error=0:exitcode=66:second_deadlock_stack=1:"
          "report_signal_unsafe=0:history_size=7" +
          sym_opt};
    default: return {};
  }
  return {};
}

std::vector<std::string> run_prefix(Tool c) {
  switch (c) {
    case Tool::memcheck:
      return {"valgrind", "--tool=memcheck", "--error-exitcode=66", "--track-origins=yes",
              "--leak-check=full",
              // A leaked cycle or list is one "definitely lost" block
              // heading "indirectly lost" ones: both are leaks. "Possibly
              // lost" (only an interior pointer found) is left out: correct
              // programs show it (thread stacks at exit, std::string).
              "--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
              "--num-callers=30", "-q"};
    case Tool::helgrind:
      return {"valgrind", "--tool=helgrind", "--error-exitcode=66", "--num-callers=30", "-q"};
    default: return {};
  }
}

}  // namespace safelab::verdict
