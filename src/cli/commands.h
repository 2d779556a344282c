// src/cli/commands.h
//
// The `safelab` subcommands. Each add_*() registers its subcommand (options,
// help) under `parent` and what it runs in `commands`; the function returns
// the exit status: 0 success, 1 a check failed (wrong result, failed
// verdict), 2 bad usage or a missing build (with a message naming it).
#ifndef SAFELAB_CLI_COMMANDS_H_
#define SAFELAB_CLI_COMMANDS_H_

#include <string>

#include "catalog.h"
#include "cli_app.h"
#include "output.h"

namespace safelab::cli {

void add_tour(CLI::App& parent, Commands& commands);
void add_run(CLI::App& parent, Commands& commands);
void add_verdict(CLI::App& parent, Commands& commands);
void add_list(CLI::App& parent, Commands& commands);
void add_labs(CLI::App& parent, Commands& commands);
void add_check(CLI::App& parent, Commands& commands);
void add_matrix(CLI::App& parent, Commands& commands);
void add_gil(CLI::App& parent, Commands& commands);

// Shared by the subcommands.
std::string expectation_text(const verdict::Expectation& e);  // "clean", "tsan: data race in f"
Json expectation_json(const verdict::Expectation& e);
// The entry to run in this process, or nullptr after saying why not
// (unknown id, or an unsafe entry, which only runs under `safelab verdict`).
const catalog::Entry* safe_entry_or_complain(const std::string& id, const std::string& command);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_COMMANDS_H_
