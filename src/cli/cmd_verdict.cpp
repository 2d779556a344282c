// safelab verdict: the verdict runner on catalog entries.
//
// Each entry is judged under the builds that apply to it: a clean entry under
// asan (ASan+UBSan+LSan) and tsan, an unsafe entry under the build of the
// tool that must report it. The example runs in a child process
// (build/<preset>/bin/safelab-example), never in this one.

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_format.h"
#include "catalog.h"
#include "commands.h"
#include "output.h"
#include "verdict/verdict.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Tool;

void show_progress(const verdict::Job& job, int run) {
  show_status(
      absl::StrFormat("verdict %s [%s] run %d/%d", job.entry, to_string(job.build), run, job.runs));
}

// The model: every job with its verdict.
struct Judged {
  std::vector<std::pair<verdict::Job, verdict::Verdict>> rows;
  int failures() const {
    return static_cast<int>(
        std::count_if(rows.begin(), rows.end(), [](const auto& r) { return !r.second.pass(); }));
  }
};

Json to_json(const Judged& judged) {
  Json list = Json::array();
  for (const auto& [job, v] : judged.rows) {
    const verdict::RunOutcome& shown = v.representative();
    Json j;
    j["entry"] = job.entry;
    j["build"] = to_string(job.build);
    j["expected"] = job.expect.describe();  // "clean", or "KIND in FUNCTION"
    j["runs"] = v.runs.size();
    j["passed"] = v.passed();
    j["pass"] = v.pass();
    j["observed"] = shown.why;
    j["headline"] = shown.report ? Json(shown.report->headline) : Json(nullptr);
    list.push_back(std::move(j));
  }
  Json doc;
  doc["verdicts"] = std::move(list);
  doc["failed"] = judged.failures();
  return doc;
}

Table to_table(const Judged& judged) {
  Table table({"entry", "build", "expected", "runs passed", "verdict", "observed"});
  for (const auto& [job, v] : judged.rows) {
    table.add({job.entry, std::string(to_string(job.build)), job.expect.describe(),
               absl::StrFormat("%d/%d", v.passed(), v.runs.size()), v.pass() ? "PASS" : "FAIL",
               v.representative().why});
  }
  return table;
}

// The failing child's own words, so the reason is on screen.
void show_failure(const verdict::Job& job, const verdict::RunOutcome& shown) {
  std::cerr << "\n--- " << job.entry << " [" << to_string(job.build) << "]: " << shown.why
            << "\n--- child stdout:\n"
            << shown.process.out << "--- child stderr (first 60 lines):\n";
  std::size_t pos = 0;
  for (int line = 0; line < 60 && pos < shown.process.err.size(); ++line) {
    const std::size_t nl = shown.process.err.find('\n', pos);
    std::cerr << shown.process.err.substr(pos, nl == std::string::npos ? nl : nl - pos + 1);
    pos = nl == std::string::npos ? shown.process.err.size() : nl + 1;
  }
}

struct Options {
  std::string id;
  bool all = false;
  std::string sanitizer;
  Format format = Format::table;
  std::string build_root;
  std::string example;
  std::int64_t runs = 1;
  std::int64_t timeout = 120;
};

int run_verdict(const Options& opts, const std::string& command) {
  if (opts.all == !opts.id.empty()) {
    return usage_error("safelab verdict: name one TOPIC/VARIANT or pass --all", command);
  }
  if (!opts.example.empty() && opts.sanitizer.empty()) {
    return usage_error("safelab verdict: --example needs --sanitizer (which build it is)", command);
  }
  std::vector<const catalog::Entry*> entries;
  if (opts.all) {
    for (const catalog::Entry& e : catalog::entries()) entries.push_back(&e);
  } else {
    const catalog::Entry* e = catalog::find(opts.id);
    if (e == nullptr) {
      std::vector<std::string> ids;
      for (const auto& x : catalog::entries()) ids.push_back(x.id());
      return usage_error(
          "safelab verdict: unknown entry '" + opts.id + "'; valid entries: " + join_choices(ids),
          command);
    }
    entries.push_back(e);
  }

  const fs::path root = opts.build_root.empty() ? default_build_root() : fs::path(opts.build_root);
  std::vector<verdict::Job> jobs;
  for (const catalog::Entry* e : entries) {
    const std::vector<Tool> applicable = catalog::judged_under(*e);
    for (Tool f : applicable) {
      if (!opts.sanitizer.empty() && to_string(f) != opts.sanitizer) continue;
      verdict::Job job;
      job.entry = e->id();
      job.build = f;
      job.example = !opts.example.empty()
                        ? opts.example
                        : (root / verdict::preset_of(f) / "bin" / "safelab-example").string();
      job.expect = e->expectation;
      job.runs = static_cast<int>(opts.runs);
      job.timeout = std::chrono::seconds(opts.timeout);
      jobs.push_back(job);
    }
    if (!opts.all && jobs.empty()) {
      return usage_error("safelab verdict: " + e->id() + " is judged under " +
                             std::string(verdict::preset_of(applicable.front())) + ", not " +
                             opts.sanitizer,
                         command);
    }
  }
  for (const verdict::Job& job : jobs) {
    if (!fs::exists(job.example)) {
      std::cerr << "safelab verdict: no " << to_string(job.build) << " build: " << job.example
                << " does not exist.\nBuild it with `cmake --workflow --preset "
                << verdict::preset_of(job.build)
                << "` (or `tools/dev test`), or point --build-root at "
                << "the directory holding the preset builds.\n";
      return 2;
    }
  }

  Judged judged;
  for (const verdict::Job& job : jobs) {
    verdict::Verdict v = verdict::run(job, show_progress);
    if (!v.pass() && opts.format != Format::json) show_failure(job, v.representative());
    judged.rows.emplace_back(job, std::move(v));
  }
  clear_status();
  render(std::cout, opts.format, judged);
  if (opts.format != Format::json) {
    std::cout << (jobs.size() - static_cast<std::size_t>(judged.failures())) << " passed, "
              << judged.failures() << " failed\n";
  }
  return judged.failures() == 0 ? 0 : 1;
}

}  // namespace

void add_verdict(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "verdict", "judge catalog entries under the sanitizer builds",
      "Runs catalog entries in a child process under the sanitizer builds and checks the outcome "
      "against the catalog: an unsafe entry must be reported (kind and function), a safe entry "
      "must run clean with the correct result. Exit 0 if every verdict passes, 1 if one fails, 2 "
      "on bad usage or a missing build.");
  app->add_option("entry", opts->id, "TOPIC/VARIANT, the entry to judge (or --all)");
  app->add_flag("--all", opts->all, "judge every entry");
  app->add_option("--sanitizer", opts->sanitizer, "judge only under this build")
      ->check(one_of({"asan", "tsan", "memcheck"}));
  app->add_option("--runs", opts->runs, "runs per entry and build; every run must pass (default 1)")
      ->check(between(1, 1000));
  app->add_option("--timeout", opts->timeout,
                  "seconds before a run is killed and failed (default 120)")
      ->check(between(1, 3600));
  app->add_option("--build-root", opts->build_root,
                  "where the preset builds are (default: $SAFELAB_BUILD_ROOT, else this binary's "
                  "build/)");
  app->add_option("--example", opts->example, "the safelab-example to run (needs --sanitizer)");
  add_format_option(app, &opts->format);
  commands.add(app, [opts, app] { return run_verdict(*opts, command_path(app)); });
}

}  // namespace safelab::cli
