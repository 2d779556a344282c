// safelab: the command-line front door to the catalog.
//
//   safelab tour      every topic's safe variants side by side, measured
//   safelab run       one safe variant
//   safelab verdict   the verdict runner (sanitizer suite) on catalog entries
//   safelab list      the catalog
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "safelab/core/version.h"

namespace safelab::cli {

struct Command {
  const char* name;
  int (*fn)(const Args&);
  const char* summary;
};

constexpr Command kCommands[] = {
    {"tour", cmd_tour, "run every topic's safe variants side by side, with times and verdicts"},
    {"run", cmd_run, "run one safe variant: safelab run TOPIC/VARIANT"},
    {"verdict", cmd_verdict, "judge catalog entries under the sanitizer builds"},
    {"list", cmd_list, "list the catalog: topics, variants, expected verdicts"},
    {"labs", cmd_labs, "the labs: list, check, hint, watch, reset (rustlings-like)"},
    {"check", cmd_check, "run the sanitizer suite on your own C/C++ program"},
    {"matrix", cmd_matrix, "the detection matrix: every unsafe entry under every checker"},
    {"gil", cmd_gil, "run the GIL experiments on the model: scaling, convoy effect"},
};

std::filesystem::path default_build_root() {
  if (const char* env = std::getenv("SAFELAB_BUILD_ROOT"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "build";
  return exe.parent_path().parent_path().parent_path();
}

int usage_error(const std::string& message, const std::string& command) {
  std::cerr << message << "\n(see `" << command << " --help`)\n";
  return 2;
}

int main_help(std::ostream& out) {
  out << "usage: safelab COMMAND [options]\n\n"
         "safelab runs paired examples - the Python way, the Rust way and the unsafe way -\n"
         "and measures them. Commands:\n\n";
  for (const Command& c : kCommands)
    out << "  " << c.name << std::string(10 - std::string(c.name).size(), ' ') << c.summary << "\n";
  out << "\n`safelab COMMAND --help` describes each. safelab --version prints the version.\n";
  return 0;
}

int run_main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty()) {
    main_help(std::cerr);
    return 2;
  }
  const std::string name = words.front();
  if (name == "--help" || name == "-h" || name == "help") return main_help(std::cout);
  if (name == "--version") {
    std::cout << "safelab " << core::version_string() << "\n";
    return 0;
  }
  for (const Command& c : kCommands) {
    if (name == c.name) return c.fn(Args(words.begin() + 1, words.end()));
  }
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.emplace_back(c.name);
  return usage_error(
      "safelab: unknown command '" + name + "'; valid commands: " + join_choices(names), "safelab");
}

}  // namespace safelab::cli

int main(int argc, char** argv) {
  try {
    return safelab::cli::run_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "safelab: " << e.what() << "\n";
    return 1;
  }
}
