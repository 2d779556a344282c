// src/cli/labs_where.h
//
// What every `safelab labs` subcommand (and the maintainer's lab tools)
// shares: where the lab set, the runner's work dir and the safelab builds
// are (the options that say so), and looking a lab up by name.
#ifndef SAFELAB_CLI_LABS_WHERE_H_
#define SAFELAB_CLI_LABS_WHERE_H_

#include <filesystem>
#include <string>

#include "cli_app.h"
#include "labs_model.h"

namespace safelab::cli::labs {

// Where
//
// --labs-dir and --work; with `builds`, also --build-root, --build and
// --safelab-build (the commands that compile a lab).
struct Where {
  std::string labs_dir;
  std::string build_root;
  std::string work;
  std::string safelab_build;
  std::string only_build;

  void add_to(CLI::App* app, bool builds);
  std::filesystem::path root() const;
  std::filesystem::path labs() const;
  std::filesystem::path work_dir() const;
  std::filesystem::path state_file() const { return work_dir() / "state.txt"; }
  // The safelab build a lab links against in `build` (default, asan, tsan).
  std::filesystem::path safelab_for(const std::string& build) const;
};

// The lab named `name`, or nullptr after listing the valid ones (the caller
// exits 2).
const Lab* lab_or_complain(const LabSet& set, const std::string& name, const std::string& command);

// The first lab in learning order that is not done, or nullptr.
const Lab* next_pending(const LabSet& set, const RunnerState& state);

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_WHERE_H_
