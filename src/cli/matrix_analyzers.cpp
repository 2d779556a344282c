#include "matrix_analyzers.h"

#include <fstream>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli_app.h"
#include "verdict/process.h"
#include "verdict/standalone.h"
#include "verdict/static_analysis.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;

struct CompileCommand {
  fs::path file;
  fs::path directory;
  std::vector<std::string> words;
};

// The compile commands of the catalog's source files: .cpp files under
// src/pairs/ that register a variant, each once (a file compiled into two
// targets has two entries), in the order of the file.
std::vector<CompileCommand> catalog_commands(const fs::path& compile_commands) {
  std::ifstream in(compile_commands);
  if (!in) {
    throw std::runtime_error("no " + compile_commands.string() +
                             ": configure that build (CMAKE_EXPORT_COMPILE_COMMANDS is on)");
  }
  const nlohmann::json entries = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!entries.is_array())
    throw std::runtime_error(compile_commands.string() + ": not a JSON array");
  std::vector<CompileCommand> out;
  std::set<fs::path> seen;
  for (const nlohmann::json& e : entries) {
    const fs::path file = e.value("file", "");
    if (file.extension() != ".cpp" || file.string().find("/src/pairs/") == std::string::npos ||
        !seen.insert(file).second) {
      continue;
    }
    if (read_text(file).find("SAFELAB_VARIANT(") == std::string::npos) continue;
    std::vector<std::string> words;
    if (e.contains("arguments")) {
      words = e["arguments"].get<std::vector<std::string>>();
    } else {
      words = verdict::split_command_line(e.value("command", ""));
    }
    out.push_back({file, e.value("directory", ""), std::move(words)});
  }
  if (out.empty()) {
    throw std::runtime_error(compile_commands.string() + " names no catalog source file");
  }
  return out;
}

// "/work/x/src/pairs/memory/a.cpp" -> "src/pairs/memory/a.cpp".
std::string in_tree(const fs::path& file) {
  const std::string s = file.string();
  const auto at = s.rfind("/src/pairs/");
  return at == std::string::npos ? s : s.substr(at + 1);
}

}  // namespace

std::string_view analyzer_build(verdict::Tool tool) {
  return tool == verdict::Tool::gcc_analyzer ? "default" : "clang";
}

CatalogAnalysis analyse_catalog(verdict::Tool tool, const fs::path& build,
                                std::chrono::seconds timeout,
                                const std::function<void(const std::string&)>& progress) {
  CatalogAnalysis analysis;
  for (const CompileCommand& c : catalog_commands(build / "compile_commands.json")) {
    ++analysis.files;
    const std::string name = in_tree(c.file);
    progress(name + " under " + std::string(verdict::title(tool)));
    std::vector<std::string> argv = verdict::analysis_command_from(tool, c.words);
    // Relative include paths are relative to the entry's directory.
    argv.insert(argv.begin(), {"env", "-C", c.directory.string()});
    // The C locale: GCC quotes with \u2018\u2019 in a UTF-8 one, and the
    // headlines in docs/matrix.md must not depend on who regenerated it.
    const verdict::ProcessResult r = verdict::run_process(argv, {"LC_ALL=C"}, timeout);
    if (!r.launched || r.timed_out || r.exit_code != 0) {
      throw std::runtime_error(std::string(verdict::title(tool)) + " failed on " + name + " (" +
                               verdict::describe(r) + "): " + verdict::first_error_line(r.err));
    }
    for (verdict::Report& report : verdict::parse_analyzer_reports(r.err, tool)) {
      std::string function = report.frames.empty() ? "" : report.frames.front().function;
      analysis.warnings.push_back({name, std::move(function), std::move(report)});
    }
  }
  return analysis;
}

}  // namespace safelab::cli
