// safelab labs setup: makes every lab checkable, so the first `labs check`
// only compiles the lab itself.
//
// For each build the labs use (default, asan, tsan) it does once what a
// first check would do: install safelab from that preset build and
// configure the labs against it. The tsan labs build compiles GoogleTest
// from source with TSan (an uninstrumented libgtest hides its own
// synchronisation), the slowest part of a first check, so it is built here.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "labs_check.h"
#include "labs_commands.h"

namespace safelab::cli::labs {
namespace {

struct Options {
  Where where;
};

// The builds any lab uses, in the order `check` needs them most.
std::vector<std::string> builds_in_use(const LabSet& set) {
  std::vector<std::string> out;
  for (const char* build : {"default", "asan", "tsan"}) {
    const bool used = std::any_of(set.labs().begin(), set.labs().end(), [&](const Lab& lab) {
      return std::find(lab.builds.begin(), lab.builds.end(), build) != lab.builds.end();
    });
    if (used) out.emplace_back(build);
  }
  return out;
}

int run(const Options& o, const std::string& command) {
  if (!o.where.safelab_build.empty() && o.where.only_build.empty()) {
    return usage_error(command + ": --safelab-build needs --build", command);
  }
  const LabSet set = LabSet::load(o.where.labs());
  for (const std::string& build : builds_in_use(set)) {
    if (!o.where.only_build.empty() && build != o.where.only_build) continue;
    const auto start = std::chrono::steady_clock::now();
    LabBuild b(build, o.where.safelab_for(build), o.where.work_dir(), set.root());
    if (auto err = b.prepare(std::cout)) {
      std::cerr << command << ": " << *err << "\n";
      return 2;
    }
    if (build == "tsan") {
      std::cout << "  building GoogleTest with TSan (once)\n" << std::flush;
      const LabBuild::Compile c = b.build_targets({"gtest", "gtest_main"});
      if (!c.ok) {
        std::cerr << command << ": building GoogleTest (tsan) failed: " << c.first_error << "\n";
        return 2;
      }
    }
    const auto s =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
    std::cout << "  " << build << ": ready (" << s.count() << " s)\n" << std::flush;
  }
  std::cout << "every lab can be checked now: `safelab labs list` shows where to start\n";
  return 0;
}

}  // namespace

void add_setup(CLI::App& labs, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      labs, "setup", "install safelab and configure the labs' builds, once",
      "For each build the labs use (default, asan, tsan): installs safelab from that preset "
      "build and configures the labs against it (and, for tsan, builds GoogleTest with TSan), "
      "so the first `labs check` only compiles the lab. `tools/dev labs` builds the presets' "
      "libraries and runs this. Exit 0 when every build is ready, 2 when one cannot be "
      "prepared (the message says which and why).");
  opts->where.add_to(app, true);
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
