// src/cli/matrix_analyzers.h
//
// The static analyzers' columns of the detection matrix: the Clang static
// analyzer and GCC's -fanalyzer, the two opt-in checkers of `safelab check`
// that read a program instead of running it.
//
// Each catalog source file (a file under src/pairs that registers variants)
// is analysed once, with the flags its build compiled it with (the build's
// compile_commands.json: the clang build for Clang, the default build for
// GCC), one file at a time. A warning belongs to the function it is in: in
// an unsafe variant's function it is that entry's detection; anywhere else
// it is a false report on the safe code around it.
#ifndef SAFELAB_CLI_MATRIX_ANALYZERS_H_
#define SAFELAB_CLI_MATRIX_ANALYZERS_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "verdict/report.h"
#include "verdict/tool.h"

namespace safelab::cli {

struct AnalyzerWarning {
  std::string source;    // the file, relative to the source tree ("src/pairs/...")
  std::string function;  // the function it is in, as "name()", or empty
  verdict::Report report;
};

struct CatalogAnalysis {
  int files = 0;  // catalog source files analysed
  std::vector<AnalyzerWarning> warnings;
};

// The build whose compile commands `tool` analyses with: "clang" or "default".
std::string_view analyzer_build(verdict::Tool tool);

// Analyses every catalog source file of `build` (a preset's build directory)
// with `tool`, and returns how many files it read and its warnings. Throws std::runtime_error
// naming the file when there is no compile_commands.json, no catalog file in it, or the analyzer
// fails on a file (a compile error is not "no warnings").
CatalogAnalysis analyse_catalog(verdict::Tool tool, const std::filesystem::path& build,
                                std::chrono::seconds timeout,
                                const std::function<void(const std::string&)>& progress);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_MATRIX_ANALYZERS_H_
