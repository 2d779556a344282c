#include "verdict.h"

#include "tools.h"

namespace safelab::verdict {
namespace {

// "RESULT 42" -> "42"; nullopt if no such line.
std::optional<std::string> field(const std::string& out, std::string_view name) {
  const std::string key = std::string(name) + " ";
  std::size_t pos = 0;
  while (pos < out.size()) {
    const std::size_t nl = out.find('\n', pos);
    const std::string_view line(out.data() + pos,
                                (nl == std::string::npos ? out.size() : nl) - pos);
    if (line.starts_with(key)) return std::string(line.substr(key.size()));
    if (line == name) return std::string();
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return std::nullopt;
}

}  // namespace

std::string environment_problem(const std::string& err) {
  if (err.find("ThreadSanitizer: unexpected memory mapping") != std::string::npos) {
    return "ThreadSanitizer cannot start: the kernel randomises more than 28 bits of mmap "
           "addresses. Run `sudo sysctl vm.mmap_rnd_bits=28` (or run under `setarch -R`)";
  }
  if (err.find("LeakSanitizer does not work under ptrace") != std::string::npos ||
      err.find("LeakSanitizer has encountered a fatal error") != std::string::npos) {
    return "LeakSanitizer cannot run here: it does not work under ptrace (a debugger, strace, "
           "or a container that traces its processes). Run outside it";
  }
  return {};
}

int Verdict::passed() const {
  int n = 0;
  for (const RunOutcome& r : runs) n += r.pass ? 1 : 0;
  return n;
}

const RunOutcome& Verdict::representative() const {
  for (const RunOutcome& r : runs) {
    if (!r.pass) return r;
  }
  return runs.front();
}

std::vector<std::string> sanitizer_environment(Tool build) {
  switch (build_of(build)) {
    case Tool::asan: {
      // One build, three tools: leaks are on here, unlike a lone ASan run.
      const std::string sym = symbolizer_path();
      const std::string sym_opt = sym.empty() ? "" : ":external_symbolizer_path=" + sym;
      return {
          "ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:halt_on_error=1:"
          "exitcode=66" +
              sym_opt,
          "LSAN_OPTIONS=exitcode=66", run_environment(Tool::ubsan).front()};
    }
    default: return run_environment(build_of(build));
  }
  return {};
}

std::vector<std::string> command_for(const Job& job) {
  std::vector<std::string> cmd;
  if (build_of(job.build) == Tool::memcheck) cmd = run_prefix(Tool::memcheck);
  cmd.push_back(job.example);
  cmd.push_back(job.entry);
  cmd.insert(cmd.end(), job.extra_args.begin(), job.extra_args.end());
  return cmd;
}

RunOutcome judge(const Expectation& expect, ProcessResult process) {
  RunOutcome out;
  std::vector<Report> reports = parse_reports(process.err);
  if (!reports.empty()) out.report = reports.front();

  if (!process.launched) {
    out.why = describe(process);
  } else if (const std::string hint = environment_problem(process.err); !hint.empty()) {
    out.why = hint;
  } else if (process.timed_out) {
    out.why = describe(process) + " (a deadlock or a runaway example)";
  } else if (expect.is_clean()) {
    const auto result = field(process.out, "RESULT");
    const auto expected = field(process.out, "EXPECTED");
    if (!reports.empty()) {
      out.why = "expected a clean run, got " + reports.front().headline;
    } else if (process.exit_code != 0 || process.signal != 0) {
      out.why = "expected a clean run, the example ended with " + describe(process);
    } else if (!field(process.out, "DONE") || !result || !expected) {
      out.why = "the example did not finish (no RESULT/EXPECTED/DONE lines)";
    } else if (*result != *expected) {
      out.why = "wrong result: got " + *result + ", expected " + *expected;
    } else {
      out.pass = true;
      out.why = "clean, result " + *result;
    }
  } else {
    const Report* match = nullptr;
    for (const Report& r : reports) {
      if (r.kind == expect.kind && r.names(expect.function)) {
        match = &r;
        break;
      }
    }
    if (match != nullptr) {
      out.pass = true;
      out.report = *match;
      const Frame* frame = match->frame_naming(expect.function);
      const std::string where =
          frame->location.empty() ? std::string()
                                  : " at " + frame->location.substr(frame->location.rfind('/') + 1);
      out.why = match->headline + " [in " + frame->function + where + "]";
    } else if (reports.empty()) {
      out.why = "expected " + expect.describe() + ", but nothing was reported (" +
                describe(process) + ")";
    } else {
      const Report& r = reports.front();
      out.why = "expected " + expect.describe() + ", got '" + r.kind + "'" +
                (r.kind == expect.kind ? " not naming " + std::string(expect.function) : "") +
                ": " + r.headline;
    }
  }
  out.process = std::move(process);
  return out;
}

Verdict run(const Job& job, void (*progress)(const Job&, int)) {
  Verdict verdict{job, {}};
  const std::vector<std::string> cmd = command_for(job);
  const std::vector<std::string> env = sanitizer_environment(job.build);
  for (int i = 1; i <= job.runs; ++i) {
    if (progress != nullptr) progress(job, i);
    verdict.runs.push_back(judge(job.expect, run_process(cmd, env, job.timeout)));
  }
  return verdict;
}

}  // namespace safelab::verdict
