#include "matrix.h"

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "matrix_analyzers.h"
#include "verdict/process.h"
#include "verdict/report.h"
#include "verdict/static_analysis.h"
#include "verdict/tools.h"
#include "verdict/verdict.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Tool;

// A column's index: its tool's place in verdict::kTools (not the enum's
// value: intsan, `safelab check`'s only, sits between columns in the enum).
// kTools.size() for a tool that is no column, which cells.at() refuses.
constexpr std::size_t index_of(Tool c) {
  std::size_t i = 0;
  while (i < verdict::kTools.size() && verdict::kTools[i] != c) ++i;
  return i;
}
static_assert(index_of(Tool::asan) == 0 && index_of(Tool::gcc_analyzer) == 9 &&
              index_of(Tool::intsan) == verdict::kTools.size());

// Why a tool misses a class of defect, for the notes under the table.
std::string miss_reason(Tool column, std::string_view defect) {
  const bool threads = defect == "data race" || defect == "lock-order-inversion";
  switch (column) {
    case Tool::asan:
      if (threads) return "ASan tracks addressability, not the order of accesses between threads";
      if (defect == "uninitialised value")
        return "ASan tracks addressability, not initialisation (MSan would)";
      if (defect == "detected memory leaks")
        return "leaks are LSan's column (ASan's leak check is off here)";
      break;
    case Tool::ubsan:
      return "UBSan checks arithmetic, casts, alignment and bounds of arrays it can see, not "
             "object lifetimes or threads";
    case Tool::lsan: return "LSan only looks for unreachable allocations at exit";
    case Tool::tsan:
      if (!threads)
        return "TSan sees races and lock order; a single-threaded memory bug is out of its scope";
      return "the accesses never overlapped within TSan's history window";
    case Tool::memcheck:
      if (threads) return "memcheck has no notion of threads or locks";
      if (defect == "signed-integer-overflow")
        return "overflow is undefined in C++, but the machine wraps: nothing invalid reaches "
               "memory";
      if (outside_scope(column, defect))
        return "memcheck cannot see stack frames' bounds or scopes: the stack stays addressable";
      break;
    case Tool::helgrind:
      if (!threads) return "helgrind only checks synchronisation between threads";
      break;
    case Tool::clang_thread_safety:
      return "the thread-safety analysis only checks data annotated GUARDED_BY";
    case Tool::cxx_types: return "no C++ type can express this lifetime or value rule";
    case Tool::clang_analyzer:
    case Tool::gcc_analyzer:
      if (threads) return "the static analyzers do not model threads or locks";
      return "no path the analyzer follows ends in it: it stops where the defect crosses a call "
             "it does not inline, a container, or a value known only at run time";
    case Tool::intsan: break;  // `safelab check`'s opt-in tool: not a matrix column
  }
  return "not seen in this run";
}

struct Run {
  verdict::ProcessResult process;
  std::vector<verdict::Report> reports;
};

Run run_entry(const fs::path& example, const std::string& id,
              const std::vector<std::string>& prefix, const std::vector<std::string>& env,
              const std::vector<std::string>& extra, std::chrono::seconds timeout) {
  std::vector<std::string> cmd = prefix;
  cmd.push_back(example.string());
  cmd.push_back(id);
  cmd.insert(cmd.end(), extra.begin(), extra.end());
  Run r{verdict::run_process(cmd, env, timeout), {}};
  r.reports = verdict::parse_reports(r.process.err);
  return r;
}

// Threads in headlines vary from run to run ("thread #3", "T2").
std::string stable_headline(const std::string& h) {
  static const std::regex thread_no(R"((thread #|Thread #|thread T|T)\d+)");
  return std::regex_replace(h, thread_no, "$1N");
}

Cell detection(const verdict::Report& r) {
  return {CellState::detected, r.kind, stable_headline(r.headline), ""};
}

fs::path example_in(const fs::path& root, std::string_view preset) {
  fs::path p = root / preset / "bin" / "safelab-example";
  if (!fs::exists(p)) {
    throw std::runtime_error("no " + std::string(preset) + " build at " + p.string() +
                             ": build it with `cmake --workflow --preset " + std::string(preset) +
                             "` (or `tools/dev test`)");
  }
  return p;
}

bool compile_fail_test_passes(const fs::path& root, std::string_view test) {
  const fs::path clang = root / "clang";
  if (!fs::exists(clang / "CTestTestfile.cmake")) {
    throw std::runtime_error("no clang build at " + clang.string() +
                             ": build it with `cmake --workflow --preset clang`");
  }
  const auto r = verdict::run_process({"ctest", "--test-dir", clang.string(), "--no-tests=error",
                                       "-R", "^compile_fail\\." + std::string(test) + "$"},
                                      {}, std::chrono::seconds(300));
  return r.launched && r.exit_code == 0;
}

// The static analyzers' columns (matrix_analyzers.h): a warning in an unsafe
// entry's function detects it, any other warning is a false report.
void add_analyzer_columns(const MatrixOptions& o, Matrix& m,
                          const std::function<void(const std::string&)>& say) {
  for (const Tool tool : {Tool::clang_analyzer, Tool::gcc_analyzer}) {
    if (tool == Tool::gcc_analyzer && !o.gcc_analyzer) {
      for (MatrixRow& row : m.rows) {
        row.cells.at(index_of(tool)) = {CellState::not_run, "", "",
                                        "opt-in: `safelab matrix --gcc-analyzer`"};
      }
      continue;
    }
    const CatalogAnalysis analysis =
        analyse_catalog(tool, o.build_root / analyzer_build(tool), o.timeout, say);
    const std::vector<AnalyzerWarning>& warnings = analysis.warnings;
    if (tool == Tool::clang_analyzer) m.analysed_files = analysis.files;
    std::vector<bool> attributed(warnings.size(), false);
    for (MatrixRow& row : m.rows) {
      const std::string_view function = catalog::find(row.entry)->expectation.function;
      bool found = false;
      for (std::size_t i = 0; i < warnings.size(); ++i) {
        if (!warnings[i].report.names(function)) continue;
        if (!found) row.cells.at(index_of(tool)) = detection(warnings[i].report);
        found = attributed[i] = true;
      }
    }
    // Each warning once: GCC repeats one for every template instance.
    std::set<std::pair<std::string, std::string>> listed;
    for (std::size_t i = 0; i < warnings.size(); ++i) {
      if (attributed[i]) continue;
      const AnalyzerWarning& w = warnings[i];
      std::string where = w.source + (w.function.empty() ? "" : ": " + w.function);
      if (!listed.emplace(where, w.report.headline).second) continue;
      // The catalog is C++.
      m.false_reports.push_back({std::move(where), std::string(verdict::to_string(tool)),
                                 w.report.headline, verdict::analyzer_advisory(w.report, true)});
    }
  }
}

}  // namespace

bool outside_scope(Tool column, std::string_view defect) {
  const bool stack = defect == "stack-use-after-scope" || defect == "stack-buffer-overflow" ||
                     defect == "stack-use-after-return";
  const bool out_of_bounds = defect == "heap-buffer-overflow" ||
                             defect == "stack-buffer-overflow" ||
                             defect == "global-buffer-overflow";
  return (column == Tool::memcheck && stack) || (column == Tool::tsan && out_of_bounds);
}

std::string_view to_string(CellState s) {
  switch (s) {
    case CellState::detected: return "detected";
    case CellState::missed: return "missed";
    case CellState::not_reached: return "not reached";
    case CellState::timed_out: return "timed out";
    case CellState::not_run: return "not run";
  }
  return "?";
}

Matrix build_matrix(const MatrixOptions& o) {
  const fs::path asan = example_in(o.build_root, "asan");
  const fs::path tsan = example_in(o.build_root, "tsan");
  const fs::path plain = example_in(o.build_root, "default");
  const auto asan_env = verdict::sanitizer_environment(Tool::asan);
  const auto tsan_env = verdict::run_environment(Tool::tsan);
  const auto memcheck = verdict::run_prefix(Tool::memcheck);
  const auto helgrind = verdict::run_prefix(Tool::helgrind);
  auto say = [&](const std::string& what) {
    if (o.progress != nullptr) o.progress(what);
  };

  Matrix m;
  for (const catalog::Entry& e : catalog::entries()) {
    const std::string id = e.id();
    if (!e.is_unsafe()) {
      // False reports: a safe entry must run clean, with the right answer,
      // under every checker. Valgrind runs use a sixteenth of the size.
      const catalog::Params p = catalog::resolve(e, {});
      const std::vector<std::string> small = {
          "--size", std::to_string(std::max<std::int64_t>(1, p.size / 16))};
      struct Probe {
        const char* tool;
        const fs::path* example;
        const std::vector<std::string>* prefix;
        const std::vector<std::string>* env;
      };
      const std::vector<std::string> none;
      for (const Probe& probe :
           {Probe{"asan+ubsan+lsan", &asan, &none, &asan_env},
            Probe{"tsan", &tsan, &none, &tsan_env}, Probe{"memcheck", &plain, &memcheck, &none},
            Probe{"helgrind", &plain, &helgrind, &none}}) {
        say(id + " under " + probe.tool);
        const Run r = run_entry(*probe.example, id, *probe.prefix, *probe.env, small, o.timeout);
        ++m.safe_runs;
        if (!r.reports.empty()) {
          m.false_reports.push_back({id, probe.tool, r.reports.front().headline, ""});
        } else if (r.process.exit_code != 0 || r.process.timed_out) {
          m.false_reports.push_back({id, probe.tool, verdict::describe(r.process), ""});
        }
      }
      continue;
    }

    MatrixRow row{id, std::string(e.expectation.kind), {}};
    // ASan, UBSan and LSan share one build: the first report halts it.
    say(id + " under asan+ubsan+lsan");
    const Run a = run_entry(asan, id, {}, asan_env, {}, o.timeout);
    for (const Tool column : {Tool::asan, Tool::ubsan, Tool::lsan}) {
      const std::string_view tool = verdict::report_tool_name(column);
      Cell& cell = row.cells.at(index_of(column));
      const auto found = std::find_if(a.reports.begin(), a.reports.end(),
                                      [tool](const verdict::Report& r) { return r.tool == tool; });
      if (found != a.reports.end()) {
        cell = detection(*found);
      } else if (a.process.timed_out) {
        cell = {CellState::timed_out, "", "", verdict::describe(a.process)};
      } else if (!a.reports.empty()) {
        cell = {CellState::not_reached, "", "",
                "the run stopped at " + a.reports.front().tool + "'s report first"};
      }
    }
    // TSan: several runs, detected if any run reports.
    Cell& t = row.cells.at(index_of(Tool::tsan));
    int seen = 0;
    for (int i = 0; i < o.tsan_runs; ++i) {
      say(id + " under tsan, run " + std::to_string(i + 1));
      const Run r = run_entry(tsan, id, {}, tsan_env, {}, o.timeout);
      if (!r.reports.empty()) {
        if (seen++ == 0) t = detection(r.reports.front());
      } else if (r.process.timed_out) {
        t = {CellState::timed_out, "", "", verdict::describe(r.process)};
      }
    }
    if (seen > 0) t.note = std::to_string(seen) + "/" + std::to_string(o.tsan_runs) + " runs";
    for (const auto& [column, prefix] :
         {std::pair{Tool::memcheck, &memcheck}, std::pair{Tool::helgrind, &helgrind}}) {
      say(id + " under " + std::string(verdict::title(column)));
      const Run r = run_entry(plain, id, *prefix, {}, {}, o.timeout);
      Cell& cell = row.cells.at(index_of(column));
      if (!r.reports.empty()) {
        cell = detection(r.reports.front());
      } else if (r.process.timed_out) {
        cell = {CellState::timed_out, "", "", verdict::describe(r.process)};
      }
    }
    for (const catalog::StaticCheck& s : catalog::static_checks()) {
      if (s.topic != e.topic) continue;
      say(id + ": compile-fail test " + std::string(s.test));
      if (compile_fail_test_passes(o.build_root, s.test)) {
        row.cells.at(index_of(s.tool)) = {CellState::detected, "compile error",
                                          "compile_fail." + std::string(s.test), ""};
      }
    }
    m.rows.push_back(std::move(row));
  }
  add_analyzer_columns(o, m, say);
  for (MatrixRow& row : m.rows) {
    for (Tool c : verdict::kTools) {
      Cell& cell = row.cells.at(index_of(c));
      if (cell.state == CellState::missed && cell.note.empty())
        cell.note = miss_reason(c, row.defect);
    }
  }
  return m;
}

std::string render_markdown(const Matrix& m) {
  std::ostringstream out;
  out << "# Detection matrix\n\n"
      << "Generated by `safelab matrix --format md --output docs/matrix.md` (or `tools/dev "
         "matrix`); CI regenerates it and fails if this file is stale. Every unsafe catalog "
         "entry is run under every checker; a cell says what that checker reported.\n\n";
  out << "| entry | defect |";
  for (Tool c : verdict::kTools) out << " " << verdict::title(c) << " |";
  out << "\n|---|---|";
  for (std::size_t i = 0; i < verdict::kTools.size(); ++i) out << "---|";
  out << "\n";
  std::map<std::string, std::string> why;  // "tool: defect" -> reason
  for (const MatrixRow& r : m.rows) {
    out << "| " << r.entry << " | " << r.defect << " |";
    for (Tool c : verdict::kTools) {
      const Cell& cell = r.cells.at(index_of(c));
      if (cell.state == CellState::detected) {
        out << " **" << cell.kind << "** |";
      } else {
        out << " " << to_string(cell.state) << " |";
        why[std::string(verdict::title(c)) + " / " + r.defect] = cell.note;
      }
    }
    out << "\n";
  }
  out << "\n## Report headlines\n\n";
  for (const MatrixRow& r : m.rows) {
    for (Tool c : verdict::kTools) {
      const Cell& cell = r.cells.at(index_of(c));
      if (cell.state != CellState::detected) continue;
      out << "- `" << r.entry << "` × " << verdict::title(c) << ": `" << cell.headline << "`"
          << (cell.note.empty() ? "" : " (" + cell.note + ")") << "\n";
    }
  }
  out << "\n## Why a checker missed\n\n";
  for (const auto& [key, reason] : why) out << "- **" << key << "**: " << reason << "\n";
  out << "\n## False reports on safe entries\n\n"
      << m.safe_runs << " runs of safe entries (asan+ubsan+lsan, tsan, memcheck, helgrind) and "
      << m.analysed_files
      << " catalog source files read by the Clang analyzer: " << m.gating_false_reports()
      << " false reports from the sanitizers, memcheck and the Clang analyzer.\n";
  for (const FalseReport& f : m.false_reports) {
    if (Matrix::gates(f.tool) && f.advisory.empty())
      out << "- `" << f.entry << "` under " << f.tool << ": " << f.what << "\n";
  }
  out << "\nKnown false reports of a gating checker, shown and not counted (`safelab check` "
         "marks them advisory too):\n";
  for (const FalseReport& f : m.false_reports) {
    if (Matrix::gates(f.tool) && !f.advisory.empty())
      out << "- `" << f.entry << "` under " << f.tool << ": " << f.what << " (" << f.advisory
          << ")\n";
  }
  out << "\nhelgrind, as a second opinion on races, is shown above but not gated: it models "
         "pthread locks, not C++ atomics, so it reports correct lock-free code (oneTBB, the "
         "own channels' atomics) as racy, and its reports on racy programs depend on "
         "scheduling. Its reports on safe entries in this run:\n";
  for (const FalseReport& f : m.false_reports) {
    if (f.tool == "helgrind") out << "- `" << f.entry << "`: " << f.what << "\n";
  }
  const std::string_view gcc = verdict::to_string(Tool::gcc_analyzer);
  out << "\nGCC's analyzer (-fanalyzer) is shown above but not gated either: GCC 12's manual "
         "says it is not ready for C++, and `safelab check` marks its reports on C++ advisory. "
         "It is opt-in (`safelab matrix --gcc-analyzer`): with oneTBB's and Abseil's headers "
         "it is slow. Its warnings outside an unsafe variant in this run:\n";
  for (const FalseReport& f : m.false_reports) {
    if (f.tool == gcc) out << "- `" << f.entry << "`: " << f.what << "\n";
  }
  return out.str();
}

}  // namespace safelab::cli
