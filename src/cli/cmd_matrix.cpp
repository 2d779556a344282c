// safelab matrix: the detection matrix, defect class x checker, by running.

#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "matrix.h"
#include "output.h"

namespace safelab::cli {
namespace {

void show_progress(const std::string& what) { show_status("matrix: " + what); }

Json to_json(const Matrix& m) {
  Json rows = Json::array();
  for (const MatrixRow& r : m.rows) {
    Json cells = Json::object();
    for (std::size_t i = 0; i < verdict::kTools.size(); ++i) {
      const Cell& c = r.cells[i];
      cells[std::string(verdict::title(verdict::kTools[i]))] = {{"state", to_string(c.state)},
                                                                {"kind", c.kind},
                                                                {"headline", c.headline},
                                                                {"note", c.note}};
    }
    rows.push_back({{"entry", r.entry}, {"defect", r.defect}, {"tools", std::move(cells)}});
  }
  Json false_reports = Json::array();
  for (const FalseReport& f : m.false_reports) {
    false_reports.push_back(
        {{"entry", f.entry}, {"tool", f.tool}, {"what", f.what}, {"advisory", f.advisory}});
  }
  Json doc;
  doc["rows"] = std::move(rows);
  doc["safe_runs"] = m.safe_runs;
  doc["false_reports"] = std::move(false_reports);
  return doc;
}

// The plain-text view: detected kinds, or the state in parentheses.
Table to_table(const Matrix& m) {
  std::vector<std::string> header = {"entry", "defect"};
  for (verdict::Tool c : verdict::kTools) header.emplace_back(verdict::title(c));
  Table t(header);
  for (const MatrixRow& r : m.rows) {
    std::vector<std::string> cells = {r.entry, r.defect};
    for (const Cell& c : r.cells) {
      cells.push_back(c.state == CellState::detected ? c.kind
                                                     : "(" + std::string(to_string(c.state)) + ")");
    }
    t.add(cells);
  }
  return t;
}

// The lines --check compares: the table without the columns that do not
// gate (helgrind, GCC's analyzer) and without the cells of a tool on a defect
// outside its scope (their reports are consequences that vary by machine, see
// outside_scope()), and the gating false-report count. The headlines below
// the table name threads and access sizes that may differ from run to run
// (which of two racing accesses a tool sees first), helgrind's own verdicts
// depend on scheduling, and GCC's analyzer is opt-in; the other verdicts may
// not differ.
std::string verdict_lines(const std::string& markdown) {
  std::istringstream in(markdown);
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("| ")) {
      // Cells are separated by " | "; the first two are entry and defect.
      std::vector<std::string> cells;
      std::size_t start = 0;
      for (std::size_t bar; (bar = line.find(" |", start)) != std::string::npos; start = bar + 2) {
        cells.push_back(line.substr(start, bar - start));
      }
      if (cells.size() > 2) {
        std::string_view defect = cells[1];
        defect.remove_prefix(std::min(defect.find_first_not_of(' '), defect.size()));
        for (std::size_t i = 0; i < verdict::kTools.size() && i + 2 < cells.size(); ++i) {
          if (outside_scope(verdict::kTools[i], defect)) cells[i + 2] = "(outside its scope)";
        }
      }
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const bool tool_column = i >= 2 && i - 2 < verdict::kTools.size();
        if (!tool_column || Matrix::gates(verdict::to_string(verdict::kTools[i - 2]))) {
          kept += cells[i] + "|";
        }
      }
      kept += "\n";
    } else if (line.find("false reports from the sanitizers") != std::string::npos) {
      kept += line + "\n";
    }
  }
  return kept;
}

struct Options {
  Format format = Format::table;
  std::string output;
  std::string check;
  std::string build_root;
  std::int64_t runs = 3;
  std::int64_t timeout = 300;
  bool gcc_analyzer = false;
};

int run_matrix(const Options& opts) {
  const std::string& check = opts.check;
  const std::string& output = opts.output;
  MatrixOptions options;
  options.build_root =
      opts.build_root.empty() ? default_build_root() : std::filesystem::path(opts.build_root);
  options.tsan_runs = static_cast<int>(opts.runs);
  options.timeout = std::chrono::seconds(opts.timeout);
  options.progress = show_progress;
  options.gcc_analyzer = opts.gcc_analyzer;
  Matrix m;
  try {
    m = build_matrix(options);
  } catch (const std::runtime_error& e) {
    std::cerr << "\nsafelab matrix: " << e.what() << "\n";
    return 2;
  }
  clear_status();

  const std::string markdown = render_markdown(m);
  if (!check.empty()) {
    std::ifstream in(check);
    std::stringstream current;
    current << in.rdbuf();
    if (!in || verdict_lines(current.str()) != verdict_lines(markdown)) {
      std::cerr << "safelab matrix: " << check << " is stale (or missing): regenerate it with "
                << "`tools/dev matrix`\n--- what this run produced:\n"
                << markdown;
      return 1;
    }
    std::cout << check << " is current\n";
  }

  std::ostringstream text;
  if (opts.format == Format::md) {
    text << markdown;
  } else if (opts.format == Format::json) {
    print_json(text, to_json(m));
  } else {
    {
      to_table(m).render(text, Format::table);
      text << m.safe_runs << " runs of safe entries, " << m.gating_false_reports()
           << " false reports from the sanitizers, memcheck and the Clang analyzer (helgrind's "
              "and GCC's analyzer's below are not gated)\n";
      for (const FalseReport& f : m.false_reports) {
        text << "  false report: " << f.entry << " under " << f.tool << ": " << f.what
             << (f.advisory.empty() ? "" : " (" + f.advisory + ")") << "\n";
      }
    }
  }
  if (!output.empty()) {
    std::ofstream out(output);
    out << text.str();
    if (!out) {
      std::cerr << "safelab matrix: cannot write " << output << "\n";
      return 2;
    }
  } else if (check.empty()) {
    std::cout << text.str();
  }
  return m.gating_false_reports() == 0 ? 0 : 1;
}

}  // namespace

void add_matrix(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "matrix", "the detection matrix: every unsafe entry under every checker",
      "Runs every unsafe catalog entry under ASan, UBSan, LSan, TSan, Valgrind memcheck and "
      "helgrind, checks the compile-time defences (Clang thread-safety analysis, C++ types) with "
      "the compile-fail tests, reads the catalog's source files with the Clang static analyzer "
      "(and GCC's -fanalyzer with --gcc-analyzer), and runs every safe entry under every "
      "checker to count false reports. Needs the default, clang, asan and tsan builds. Exit 1 "
      "if safe code got a report from a gating checker (or, with --check, if the file is "
      "stale).");
  add_format_option(app, &opts->format);
  app->add_option("--output", opts->output, "FILE: write the output to FILE instead of stdout");
  app->add_option("--check", opts->check,
                  "FILE: compare the Markdown matrix with FILE; exit 1 if it differs");
  app->add_option("--runs", opts->runs, "TSan runs per unsafe entry (default 3)")
      ->check(between(1, 100));
  app->add_option("--timeout", opts->timeout, "seconds before a run is killed (default 300)")
      ->check(between(1, 3600));
  app->add_flag(
      "--gcc-analyzer", opts->gcc_analyzer,
      "also read the catalog with GCC's -fanalyzer (about 4 minutes; not gated: GCC 12 calls it "
      "not ready for C++)");
  app->add_option("--build-root", opts->build_root,
                  "where the preset builds are (default: this binary's build/)");
  commands.add(app, [opts] { return run_matrix(*opts); });
}

}  // namespace safelab::cli
