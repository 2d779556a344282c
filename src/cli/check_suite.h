// src/cli/check_suite.h
//
// `safelab check --suite DIR`: every program in DIR whose first line is an
// `expect:` line (grammar in sanitizers/verdict/suite.h) is checked, several
// at a time, and judged against it; one summary table (per program and per
// checker: found, missed, false report), and optionally JSON and JUnit XML
// files for CI.
#ifndef SAFELAB_CLI_CHECK_SUITE_H_
#define SAFELAB_CLI_CHECK_SUITE_H_

#include <filesystem>
#include <string>
#include <vector>

#include "output.h"
#include "verdict/standalone.h"

namespace safelab::cli {

struct SuiteOptions {
  std::filesystem::path dir;
  int jobs = 1;
  std::string json_file;   // empty: none
  std::string junit_file;  // empty: none
  Format format = Format::table;
};

// Runs the suite: `base` carries the build settings shared by every program
// (includes, defines, flags, -O) and `options` the checkers and runs, which
// a program's `tools:` line overrides. Returns the exit status: 0 every
// program as expected, 1 some not, 2 bad usage (no such directory, a
// malformed header).
int run_suite(const SuiteOptions& suite, const verdict::ProgramSpec& base,
              const verdict::CheckOptions& options, const std::string& command);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_CHECK_SUITE_H_
