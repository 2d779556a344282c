// src/cli/args.h
//
// A small command-line parser for the `safelab` subcommands and the example
// child. Every mistake becomes a UsageError whose message names the bad word
// and the valid choices; callers print it and exit with status 2.
#ifndef SAFELAB_CLI_ARGS_H_
#define SAFELAB_CLI_ARGS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace safelab::cli {

struct UsageError {
  std::string message;
};

class ArgParser {
 public:
  ArgParser(std::string command, std::string summary);

  // --name (no value)
  ArgParser& flag(std::string name, std::string help, bool* out);
  // --name VALUE (or --name=VALUE)
  ArgParser& option(std::string name, std::string value_name, std::string help, std::string* out);
  // --name N, an integer in [min, max]
  ArgParser& integer(std::string name, std::string help, std::int64_t* out, std::int64_t min,
                     std::int64_t max);
  // --name VALUE where VALUE is one of `choices`
  ArgParser& choice(std::string name, std::string help, std::string* out,
                    std::vector<std::string> choices);
  // --name VALUE, repeatable: every value is appended to `out`.
  ArgParser& repeated(std::string name, std::string value_name, std::string help,
                      std::vector<std::string>* out);
  // All remaining positional arguments (at least `min` of them).
  ArgParser& rest(std::string name, std::string help, std::vector<std::string>* out,
                  std::size_t min);
  // A positional argument; `required` ones must be present.
  ArgParser& positional(std::string name, std::string help, std::string* out, bool required);

  // Parses `args` (without the command words). Returns an error, or nullopt
  // on success. `--help`/`-h` sets help_requested() and stops.
  std::optional<UsageError> parse(std::span<const std::string> args);

  bool help_requested() const { return help_requested_; }
  std::string help() const;
  const std::string& command() const { return command_; }

 private:
  struct Option {
    std::string name;
    std::string value_name;  // empty for a flag
    std::string help;
    std::function<std::optional<std::string>(const std::string&)> set;  // error or nullopt
  };
  struct Positional {
    std::string name;
    std::string help;
    std::string* out;
    bool required;
  };
  const Option* find(const std::string& name) const;

  std::string command_;
  std::string summary_;
  std::vector<Option> options_;
  std::vector<Positional> positionals_;
  struct Rest {
    std::string name;
    std::string help;
    std::vector<std::string>* out = nullptr;
    std::size_t min = 0;
  } rest_;
  bool help_requested_ = false;
};

// "a, b or c": for messages that list valid choices.
std::string join_choices(const std::vector<std::string>& choices);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_ARGS_H_
