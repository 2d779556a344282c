// safelab matrix: the detection matrix, defect class x checker, by running.

#include <fstream>
#include <iostream>
#include <sstream>

#include "args.h"
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
      cells.set(std::string(verdict::title(verdict::kTools[i])),
                Json::object()
                    .set("state", to_string(c.state))
                    .set("kind", c.kind)
                    .set("headline", c.headline)
                    .set("note", c.note));
    }
    rows.push(Json::object()
                  .set("entry", r.entry)
                  .set("defect", r.defect)
                  .set("tools", std::move(cells)));
  }
  Json false_reports = Json::array();
  for (const FalseReport& f : m.false_reports) {
    false_reports.push(
        Json::object().set("entry", f.entry).set("tool", f.tool).set("what", f.what));
  }
  return Json::object()
      .set("rows", std::move(rows))
      .set("safe_runs", m.safe_runs)
      .set("false_reports", std::move(false_reports));
}

// The lines --check compares: the table without its helgrind column, and
// the gating false-report count. The headlines below the table name threads
// and access sizes that may differ from run to run (which of two racing
// accesses a tool sees first), and helgrind's own verdicts depend on
// scheduling; the other verdicts may not.
std::string verdict_lines(const std::string& markdown) {
  const auto helgrind = static_cast<std::size_t>(
      std::find(verdict::kTools.begin(), verdict::kTools.end(), verdict::Tool::helgrind) -
      verdict::kTools.begin());
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
      if (cells.size() > helgrind + 2) cells.erase(cells.begin() + static_cast<long>(helgrind + 2));
      for (const std::string& c : cells) kept += c + "|";
      kept += "\n";
    } else if (line.find("false reports from the sanitizers") != std::string::npos) {
      kept += line + "\n";
    }
  }
  return kept;
}

}  // namespace

int cmd_matrix(const Args& args) {
  std::string format = "table";
  std::string output;
  std::string check;
  std::string build_root;
  std::int64_t runs = 3;
  std::int64_t timeout = 300;
  ArgParser parser(
      "safelab matrix",
      "Runs every unsafe catalog entry under ASan, UBSan, LSan, TSan, Valgrind memcheck and "
      "helgrind, checks the compile-time defences (Clang thread-safety analysis, C++ types) "
      "with the compile-fail tests, and runs every safe entry under every checker to count false "
      "reports. Needs the default, clang, asan and tsan builds. Exit 1 if a safe entry got a "
      "report (or, with --check, if the file is stale).");
  parser.choice("format", "output format", &format, format_names())
      .option("output", "FILE", "write the output to FILE instead of stdout", &output)
      .option("check", "FILE", "compare the Markdown matrix with FILE; exit 1 if it differs",
              &check)
      .integer("runs", "TSan runs per unsafe entry (default 3)", &runs, 1, 100)
      .integer("timeout", "seconds before a run is killed (default 300)", &timeout, 1, 3600)
      .option("build-root", "DIR", "where the preset builds are (default: this binary's build/)",
              &build_root);
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }

  MatrixOptions options;
  options.build_root =
      build_root.empty() ? default_build_root() : std::filesystem::path(build_root);
  options.tsan_runs = static_cast<int>(runs);
  options.timeout = std::chrono::seconds(timeout);
  options.progress = show_progress;
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
  if (parse_format(format) == Format::json) {
    to_json(m).write(text);
    text << "\n";
  } else if (parse_format(format) == Format::md) {
    text << markdown;
  } else {
    std::vector<std::string> header = {"entry", "defect"};
    for (verdict::Tool c : verdict::kTools) header.emplace_back(verdict::title(c));
    Table t(header);
    for (const MatrixRow& r : m.rows) {
      std::vector<std::string> cells = {r.entry, r.defect};
      for (const Cell& c : r.cells) {
        cells.push_back(
            c.state == CellState::detected ? c.kind : "(" + std::string(to_string(c.state)) + ")");
      }
      t.add(cells);
    }
    t.render(text, Format::table);
    text << m.safe_runs << " runs of safe entries, " << m.gating_false_reports()
         << " false reports from the sanitizers and memcheck (helgrind's below are not gated)\n";
    for (const FalseReport& f : m.false_reports) {
      text << "  false report: " << f.entry << " under " << f.tool << ": " << f.what << "\n";
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

}  // namespace safelab::cli
