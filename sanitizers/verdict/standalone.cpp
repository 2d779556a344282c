#include "standalone.h"

#include <algorithm>

#include "process.h"

namespace safelab::verdict {
namespace {

bool is_cxx(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".C";
}

// The line of a compiler or linker's output that names the problem.
std::string first_error_line(const std::string& text) {
  std::size_t pos = std::string::npos;
  for (const char* marker : {"multiple definition", "undefined reference", "error:"}) {
    pos = std::min(pos, text.find(marker));
  }
  if (pos == std::string::npos) pos = 0;
  const std::size_t start = text.rfind('\n', pos);
  const std::size_t from = start == std::string::npos ? 0 : start + 1;
  return text.substr(from, text.find('\n', from) - from);
}

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::clean: return "clean";
    case Status::detected: return "detected";
    case Status::build_failed: return "build failed";
    case Status::timed_out: return "timed out";
    case Status::failed: return "failed";
  }
  return "?";
}

std::string compiler_for(const std::vector<std::filesystem::path>& sources) {
  return std::any_of(sources.begin(), sources.end(), is_cxx) ? "clang++" : "clang";
}

std::string user_frame(const Report& report, const std::vector<std::filesystem::path>& sources) {
  for (const Frame& f : report.frames) {
    for (const auto& src : sources) {
      const std::string name = src.filename().string();
      const auto at = f.location.find(name);
      // "dir/name:12", "name:12" (Valgrind prints the bare file name), or
      // "dir/name" when the tool had no line information.
      const std::size_t after = at + name.size();
      if (at != std::string::npos && (at == 0 || f.location[at - 1] == '/') &&
          (after == f.location.size() || f.location[after] == ':')) {
        return f.function + " at " + f.location.substr(at);
      }
    }
  }
  return {};
}

CheckerOutcome check_with(const ProgramSpec& program, Tool checker, const CheckOptions& options) {
  CheckerOutcome out;
  out.checker = checker;
  const std::filesystem::path binary =
      program.work_dir / ("prog-" + std::string(to_string(checker)));
  std::filesystem::create_directories(program.work_dir);

  // Build.
  const bool cxx = compiler_for(program.sources) == "clang++";
  std::vector<std::string> cmd = {compiler_for(program.sources)};
  const auto flags = compile_flags(checker);
  cmd.insert(cmd.end(), flags.begin(), flags.end());
  cmd.emplace_back(cxx ? "-std=c++20" : "-std=c11");
  cmd.emplace_back("-pthread");
  for (const auto& dir : program.include_dirs) cmd.push_back("-I" + dir);
  for (const auto& def : program.defines) cmd.push_back("-D" + def);
  for (const auto& src : program.sources) cmd.push_back(src.string());
  cmd.insert(cmd.end(), {"-o", binary.string()});
  const ProcessResult build = run_process(cmd, {}, std::chrono::seconds(300));
  if (!build.launched || build.exit_code != 0) {
    out.status = Status::build_failed;
    out.detail = build.launched ? first_error_line(build.err) : describe(build);
    return out;
  }

  // Run: timing-dependent checkers several times, the others once.
  const int runs = (checker == Tool::tsan || checker == Tool::helgrind) ? options.runs : 1;
  std::vector<std::string> run = run_prefix(checker);
  run.push_back(binary.string());
  run.insert(run.end(), program.args.begin(), program.args.end());
  for (int i = 0; i < runs; ++i) {
    const ProcessResult r = run_process(run, run_environment(checker), options.timeout);
    ++out.runs;
    if (r.timed_out) {
      out.status = Status::timed_out;
      out.detail = describe(r);
      return out;
    }
    const std::vector<Report> reports = parse_reports(r.err);
    const auto mine = std::find_if(reports.begin(), reports.end(), [&](const Report& rep) {
      return rep.tool == report_tool_name(checker);
    });
    if (mine != reports.end()) {
      ++out.detections;
      if (out.kind.empty()) {
        out.kind = mine->kind;
        out.headline = mine->headline;
        out.user_frame = user_frame(*mine, program.sources);
        out.detail = describe(r);
      }
    } else if (r.exit_code != 0 || r.signal != 0) {
      // Died without a report this checker recognises: say so, do not call it clean.
      if (out.detections == 0 && out.status != Status::failed) {
        out.status = Status::failed;
        out.detail = "no report, but the program ended with " + describe(r);
      }
    }
  }
  if (out.detections > 0) out.status = Status::detected;
  return out;
}

}  // namespace safelab::verdict
