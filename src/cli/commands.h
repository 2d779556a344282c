// src/cli/commands.h
//
// The `safelab` subcommands. Each takes the words after its name and returns
// the process exit status: 0 success, 1 a check failed (wrong result, failed
// verdict), 2 bad usage or a missing build (with a message naming it).
#ifndef SAFELAB_CLI_COMMANDS_H_
#define SAFELAB_CLI_COMMANDS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "catalog.h"
#include "output.h"

namespace safelab::cli {

using Args = std::vector<std::string>;

int cmd_list(const Args& args);
int cmd_run(const Args& args);
int cmd_tour(const Args& args);
int cmd_verdict(const Args& args);
int cmd_labs(const Args& args);
int cmd_check(const Args& args);
int cmd_matrix(const Args& args);
int cmd_gil(const Args& args);

// Where the preset builds live (build/ with default/, asan/, tsan/ below):
// $SAFELAB_BUILD_ROOT if set, else two levels above this executable's
// directory (build/<preset>/bin/safelab).
std::filesystem::path default_build_root();

// Shared by the subcommands.
std::string expectation_text(const catalog::Expectation& e);  // "clean", "tsan: data race in f"
Json expectation_json(const catalog::Expectation& e);
// The entry to run in this process, or nullptr after saying why not
// (unknown id, or an unsafe entry, which only runs under `safelab verdict`).
const catalog::Entry* safe_entry_or_complain(const std::string& id, const std::string& command);

// Prints a usage error and the hint to --help; returns 2.
int usage_error(const std::string& message, const std::string& command);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_COMMANDS_H_
