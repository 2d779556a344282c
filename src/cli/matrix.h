// src/cli/matrix.h
//
// The detection matrix: every unsafe catalog entry run under every checker
// (ASan, UBSan, LSan, TSan, Valgrind memcheck and helgrind), the two
// compile-time checks C++ has (Clang's thread-safety analysis and the type
// system: move-only types, concepts, [[nodiscard]]; the catalog's static
// checks say which compile-fail test stands for which topic) and the two
// static analyzers (matrix_analyzers.h), and every safe entry run under every
// checker to count false reports. Built by running, never typed by hand.
#ifndef SAFELAB_CLI_MATRIX_H_
#define SAFELAB_CLI_MATRIX_H_

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "verdict/tool.h"

namespace safelab::cli {

// The matrix's columns are the tools, in verdict::kTools order, titled by
// verdict::title(); a column's index is its tool's.

// not_run: an opt-in column this run did not compute (GCC's analyzer
// without --gcc-analyzer).
enum class CellState { detected, missed, not_reached, timed_out, not_run };

// True when `column` cannot see this class of defect at all, so whatever it
// reports is a later consequence of the corruption, not the defect: memcheck
// on a stack overflow sees nothing until a clobbered saved register is used,
// and whether that happens depends on what the stack held on that machine;
// TSan on an out-of-bounds access (its build has no redzones) reports a SEGV
// only if the access leaves the mapped pages, which depends on the layout of
// that machine's heap and stack (SEGV on one machine, missed on another).
// `matrix --check` does not compare such cells.
bool outside_scope(verdict::Tool column, std::string_view defect);
std::string_view to_string(CellState s);

struct Cell {
  CellState state = CellState::missed;
  std::string kind;      // what the tool called it, when detected
  std::string headline;  // normalised report headline, or the compile-fail test
  std::string note;      // why it was missed / not reached
};

struct MatrixRow {
  std::string entry;   // topic/variant
  std::string defect;  // the catalog's expected kind
  std::array<Cell, verdict::kTools.size()> cells;
};

struct FalseReport {
  std::string entry;
  std::string tool;
  std::string what;
  std::string advisory;  // why it does not count (a checker's known false report), or empty
};

struct Matrix {
  std::vector<MatrixRow> rows;
  int safe_runs = 0;
  std::vector<FalseReport> false_reports;

  int analysed_files = 0;  // catalog source files read by each static analyzer

  // False reports from the tools that gate (see gates()), but for the
  // known false reports of a checker (FalseReport::advisory).
  std::size_t gating_false_reports() const {
    return static_cast<std::size_t>(
        std::count_if(false_reports.begin(), false_reports.end(),
                      [](const FalseReport& f) { return gates(f.tool) && f.advisory.empty(); }));
  }
  // Every checker gates but two, whose reports are shown and not counted:
  // helgrind, which does not model C++ atomics (see render_markdown()), and
  // GCC's analyzer, which its own manual calls not ready for C++.
  static bool gates(std::string_view tool) {
    return tool != "helgrind" && tool != verdict::to_string(verdict::Tool::gcc_analyzer);
  }
};

struct MatrixOptions {
  std::filesystem::path build_root;
  int tsan_runs = 3;
  bool gcc_analyzer = false;  // opt-in: slow on C++ that includes oneTBB and Abseil
  std::chrono::seconds timeout{300};
  void (*progress)(const std::string& what) = nullptr;
};

// Runs everything; throws std::runtime_error naming a missing build.
Matrix build_matrix(const MatrixOptions& options);

std::string render_markdown(const Matrix& m);  // docs/matrix.md, deterministic

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_MATRIX_H_
