// src/cli/cli_app.h
//
// The command-line plumbing shared by `safelab` and `safelab-maint`, on
// CLI11: subcommands register an options struct and a function to run; a
// mistake in the words becomes one message naming the bad word and the
// valid choices, with exit status 2.
//
//   Commands        the leaf subcommands of one binary and what each runs
//   run_app()       parses, runs the chosen command, maps errors to statuses
//   one_of()        a validator: the value must be one of a list
//   between()       a validator: an integer in [min, max]
//   usage_error()   prints a usage message and the hint to --help; returns 2
#ifndef SAFELAB_CLI_CLI_APP_H_
#define SAFELAB_CLI_CLI_APP_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "output.h"

namespace safelab::cli {

// InputError
//
// A problem with what the user pointed the command at (a malformed
// labs.json, a missing file): reported like a usage error, exit 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Commands
//
// Every leaf subcommand of a binary (`list`, `labs check`...) with the
// function that runs it once the words are parsed into its options. The
// function returns the exit status: 0 success, 1 a check failed, 2 bad usage
// or a missing build.
class Commands {
 public:
  void add(CLI::App* app, std::function<int()> run) { leaves_.push_back({app, std::move(run)}); }
  // The words after `--` on `app`'s command line go to `sink`, unparsed
  // (`safelab check prog.c -- ARGS...`: the program's own arguments).
  void pass_through(CLI::App* app, std::vector<std::string>* sink) {
    pass_through_.push_back({app, sink});
  }

 private:
  friend int run_app(CLI::App& app, const Commands& commands, int argc, char** argv);
  struct Leaf {
    CLI::App* app;
    std::function<int()> run;
  };
  std::vector<Leaf> leaves_;
  std::vector<std::pair<const CLI::App*, std::vector<std::string>*>> pass_through_;
};

// make_app()
//
// A top-level app named `name`, with the help layout every command shares
// ("usage: safelab list [OPTIONS]") and a required subcommand.
std::unique_ptr<CLI::App> make_app(const std::string& name, const std::string& description);

// add_command()
//
// A subcommand: `summary` is its line in the parent's list, `details` the
// paragraph its --help ends with.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& summary,
                      const std::string& details);

// add_group()
//
// A subcommand that only holds subcommands (`safelab labs`): one is required.
CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description);

// run_app()
//
// Parses argv, runs the chosen command and returns its exit status. A parse
// error prints "<command>: <problem>" and the hint to --help (exit 2);
// --help prints the command's help (exit 0). An exception from the command
// prints "<command>: <what>": exit 2 for an InputError (the lab set, a
// file the user named), 1 for anything else.
int run_app(CLI::App& app, const Commands& commands, int argc, char** argv);

// "safelab labs check": the words that name `app` on the command line.
std::string command_path(const CLI::App* app);

// one_of()
//
// The value must be one of `choices`; else "must be a, b or c, not 'x'".
CLI::Validator one_of(std::vector<std::string> choices);

// between()
//
// An integer in [min, max]; else "must be between MIN and MAX, not 'x'".
CLI::Validator between(std::int64_t min, std::int64_t max);

// add_format_option()
//
// --format table|json|md, parsed into `out`.
CLI::Option* add_format_option(CLI::App* app, Format* out);

// "a, b or c": for messages that list valid choices.
std::string join_choices(const std::vector<std::string>& choices);

// Prints `message` and the hint to `command --help` on stderr; returns 2.
int usage_error(const std::string& message, const std::string& command);

// Where the preset builds live (build/ with default/, asan/, tsan/ below):
// $SAFELAB_BUILD_ROOT if set, else two levels above this executable's
// directory (build/<preset>/bin/safelab).
std::filesystem::path default_build_root();

// A file's bytes, or "" when it cannot be read (a file that is not there yet
// reads as empty: callers compare it with what it should hold).
std::string read_text(const std::filesystem::path& path);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_CLI_APP_H_
