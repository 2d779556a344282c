#include "check_suite.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "verdict/suite.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Cell;
using verdict::Tool;

// One program of the suite and what became of it.
struct Program {
  fs::path path;
  verdict::SuiteHeader header;
  std::vector<verdict::CheckerOutcome> outcomes;
  std::vector<Cell> cells;  // one per outcome
  bool pass = false;
  double seconds = 0;
};

bool is_source(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".c" || ext == ".cpp" || ext == ".cc" || ext == ".cxx";
}

std::string describe(const verdict::Expected& e) {
  std::string s = e.kind;
  if (e.tool) s += " (" + std::string(verdict::to_string(*e.tool)) + ")";
  if (!e.function.empty()) s += " in " + e.function;
  return s;
}

std::string describe(const verdict::SuiteHeader& h) {
  if (h.clean) return "clean";
  std::vector<std::string> parts;
  for (const auto& e : h.expected) parts.push_back(describe(e));
  return absl::StrJoin(parts, "; ");
}

void check_program(Program& p, const verdict::ProgramSpec& base,
                   const verdict::CheckOptions& options, int index) {
  const auto start = std::chrono::steady_clock::now();
  verdict::ProgramSpec spec = base;
  spec.sources = {p.path};
  spec.args.insert(spec.args.end(), p.header.args.begin(), p.header.args.end());
  if (!p.header.stdin_file.empty()) spec.stdin_file = p.path.parent_path() / p.header.stdin_file;
  spec.openmp = spec.openmp || verdict::uses_openmp(spec.sources);
  spec.work_dir = fs::temp_directory_path() /
                  absl::StrFormat("safelab-suite-%d-%d", static_cast<int>(getpid()), index);
  const std::vector<Tool>& tools = p.header.tools.empty() ? options.checkers : p.header.tools;
  for (Tool t : tools) {
    p.outcomes.push_back(verdict::check_with(spec, t, options));
    p.cells.push_back(verdict::judge_cell(p.header, p.outcomes.back()));
  }
  std::error_code ignored;
  fs::remove_all(spec.work_dir, ignored);
  p.pass = verdict::judge_program(p.header, p.outcomes);
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What went wrong, in a line: for the JUnit failure and the list under the table.
std::string failure_text(const Program& p) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < p.outcomes.size(); ++i) {
    const auto& o = p.outcomes[i];
    std::string s =
        absl::StrFormat("%s %s", verdict::to_string(o.checker), verdict::to_string(o.status));
    if (!o.kinds.empty()) s += " (" + absl::StrJoin(o.kinds, ", ") + ")";
    if (p.cells[i] == Cell::error && !o.detail.empty()) s += ": " + o.detail;
    parts.push_back(s);
  }
  return "expected " + describe(p.header) + "; " + absl::StrJoin(parts, "; ");
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters: a program's garbled output.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

// The checkers any program ran, in --tools order: the table's columns.
std::vector<Tool> columns(const std::vector<Program>& programs) {
  std::vector<Tool> cols;
  for (Tool t : verdict::kCheckTools) {
    for (const Program& p : programs) {
      const bool ran = std::any_of(p.outcomes.begin(), p.outcomes.end(),
                                   [t](const auto& o) { return o.checker == t; });
      if (ran) {
        cols.push_back(t);
        break;
      }
    }
  }
  return cols;
}

// Per checker: how many expectations naming it it found and missed, and
// its false reports on clean programs.
struct Tally {
  int found = 0, missed = 0, false_reports = 0;
};

Json to_json(const std::vector<Program>& programs, const fs::path& dir, double seconds) {
  Json doc;
  doc["suite"] = dir.string();
  Json list = Json::array();
  int passed = 0;
  for (const Program& p : programs) {
    Json j;
    j["file"] = p.path.filename().string();
    j["expect"] = describe(p.header);
    j["pass"] = p.pass;
    j["seconds"] = p.seconds;
    Json tools = Json::array();
    for (std::size_t i = 0; i < p.outcomes.size(); ++i) {
      const auto& o = p.outcomes[i];
      Json t;
      t["tool"] = verdict::to_string(o.checker);
      t["cell"] = verdict::to_string(p.cells[i]);
      t["outcome"] = verdict::to_string(o.status);
      t["runs"] = o.runs;
      t["detections"] = o.detections;
      t["kinds"] = o.kinds;
      t["where"] = o.user_frame;
      t["detail"] = o.detail;
      tools.push_back(std::move(t));
    }
    j["tools"] = std::move(tools);
    list.push_back(std::move(j));
    passed += p.pass ? 1 : 0;
  }
  doc["programs"] = std::move(list);
  doc["passed"] = passed;
  doc["failed"] = static_cast<int>(programs.size()) - passed;
  doc["seconds"] = seconds;
  return doc;
}

void write_junit(std::ostream& out, const std::vector<Program>& programs, const fs::path& dir,
                 double seconds) {
  const auto failures =
      std::count_if(programs.begin(), programs.end(), [](const Program& p) { return !p.pass; });
  const std::string suite = xml_escape("safelab check " + dir.filename().string());
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << absl::StrFormat("<testsuites tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n",
                         programs.size(), failures, seconds);
  out << absl::StrFormat("  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n",
                         suite, programs.size(), failures, seconds);
  for (const Program& p : programs) {
    out << absl::StrFormat("    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"", suite,
                           xml_escape(p.path.filename().string()), p.seconds);
    if (p.pass) {
      out << "/>\n";
    } else {
      const std::string text = xml_escape(failure_text(p));
      out << ">\n      <failure message=\"" << text << "\">" << text << "</failure>\n";
      out << "    </testcase>\n";
    }
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void print_table(std::ostream& out, const std::vector<Program>& programs, Format format,
                 double seconds) {
  const std::vector<Tool> cols = columns(programs);
  std::vector<std::string> header = {"program", "expect"};
  for (Tool t : cols) header.emplace_back(verdict::to_string(t));
  header.emplace_back("result");
  Table table(header);
  std::vector<Tally> tally(cols.size());
  int passed = 0, bad = 0, found = 0, clean = 0, clean_ok = 0;
  for (const Program& p : programs) {
    std::vector<std::string> row = {p.path.filename().string(), describe(p.header)};
    for (std::size_t c = 0; c < cols.size(); ++c) {
      std::string cell = ".";  // not run on this program
      for (std::size_t i = 0; i < p.outcomes.size(); ++i) {
        if (p.outcomes[i].checker != cols[c]) continue;
        cell = std::string(verdict::to_string(p.cells[i]));
        tally[c].found += p.cells[i] == Cell::found ? 1 : 0;
        tally[c].missed += p.cells[i] == Cell::missed ? 1 : 0;
        tally[c].false_reports += p.cells[i] == Cell::false_report ? 1 : 0;
      }
      row.push_back(cell);
    }
    row.emplace_back(p.pass ? "PASS" : "FAIL");
    table.add(std::move(row));
    passed += p.pass ? 1 : 0;
    if (p.header.clean) {
      ++clean;
      clean_ok += p.pass ? 1 : 0;
    } else {
      ++bad;
      found += p.pass ? 1 : 0;
    }
  }
  table.render(out, format);
  out << "\n";
  std::vector<std::string> per_tool;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    per_tool.push_back(absl::StrFormat("%s %d found, %d missed, %d false",
                                       verdict::to_string(cols[c]), tally[c].found, tally[c].missed,
                                       tally[c].false_reports));
  }
  out << absl::StrFormat(
      "%d programs in %.0f s: %d passed, %d failed. Bad programs reported with the right kind by "
      "some checker: %d of %d. Clean programs with no false report: %d of %d.\n",
      programs.size(), seconds, passed, static_cast<int>(programs.size()) - passed, found, bad,
      clean_ok, clean);
  out << "Per checker: " << absl::StrJoin(per_tool, "; ") << ".\n";
  for (const Program& p : programs) {
    if (!p.pass) out << "FAIL " << p.path.filename().string() << ": " << failure_text(p) << "\n";
  }
}

}  // namespace

int run_suite(const SuiteOptions& suite, const verdict::ProgramSpec& base,
              const verdict::CheckOptions& options, const std::string& command) {
  if (!fs::is_directory(suite.dir)) {
    return usage_error("safelab check: --suite " + suite.dir.string() + " is not a directory",
                       command);
  }
  std::vector<Program> programs;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(suite.dir)) {
    if (entry.is_regular_file() && is_source(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    auto header = verdict::parse_header(text.str(), &error);
    if (!error.empty()) {
      return usage_error("safelab check: " + f.string() + ": " + error, command);
    }
    if (header) programs.push_back({fs::absolute(f), std::move(*header), {}, {}, false, 0});
  }
  if (programs.empty()) {
    return usage_error(
        "safelab check: no program in " + suite.dir.string() + " starts with an `// expect:` line",
        command);
  }

  // Workers take the next program until none is left; the status line says
  // how many are done.
  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0};
  std::mutex status_mu;
  int done = 0;
  const auto work = [&] {
    for (std::size_t i = next++; i < programs.size(); i = next++) {
      check_program(programs[i], base, options, static_cast<int>(i));
      const std::lock_guard<std::mutex> lock(status_mu);
      ++done;
      show_status(absl::StrFormat("suite: %d/%d done (%s %s)", done, programs.size(),
                                  programs[i].path.filename().string(),
                                  programs[i].pass ? "PASS" : "FAIL"));
    }
  };
  {
    std::vector<std::jthread> workers;
    const int jobs = std::max(1, std::min(suite.jobs, static_cast<int>(programs.size())));
    for (int j = 0; j < jobs; ++j) workers.emplace_back(work);
  }
  clear_status();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (suite.format == Format::json) {
    print_json(std::cout, to_json(programs, suite.dir, seconds));
  } else {
    print_table(std::cout, programs, suite.format, seconds);
  }
  if (!suite.json_file.empty()) {
    std::ofstream out(suite.json_file);
    print_json(out, to_json(programs, suite.dir, seconds));
  }
  if (!suite.junit_file.empty()) {
    std::ofstream out(suite.junit_file);
    write_junit(out, programs, suite.dir, seconds);
  }
  const bool all =
      std::all_of(programs.begin(), programs.end(), [](const Program& p) { return p.pass; });
  return all ? 0 : 1;
}

}  // namespace safelab::cli
