// safelab verdict: the verdict runner on catalog entries.
//
// Each entry is judged under the builds that apply to it: a clean entry under
// asan (ASan+UBSan+LSan) and tsan, an unsafe entry under the build of the
// tool that must report it. The example runs in a child process
// (build/<flavour>/bin/safelab-example), never in this one.

#include <filesystem>
#include <iostream>

#include "args.h"
#include "catalog.h"
#include "commands.h"
#include "output.h"
#include "verdict/verdict.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using verdict::Tool;

void show_progress(const verdict::Job& job, int run) {
  show_status("verdict " + job.entry + " [" + std::string(to_string(job.build)) + "] run " +
              std::to_string(run) + "/" + std::to_string(job.runs));
}

}  // namespace

int cmd_verdict(const Args& args) {
  std::string id;
  bool all = false;
  std::string sanitizer;
  std::string format = "table";
  std::string build_root;
  std::string example;
  std::int64_t runs = 1;
  std::int64_t timeout = 120;
  ArgParser parser(
      "safelab verdict",
      "Runs catalog entries in a child process under the sanitizer builds and checks the "
      "outcome against the catalog: an unsafe entry must be reported (kind and function), a "
      "safe entry must run clean with the correct result. Exit 0 if every verdict passes, 1 "
      "if one fails, 2 on bad usage or a missing build.");
  parser.positional("TOPIC/VARIANT", "the entry to judge (or --all)", &id, false)
      .flag("all", "judge every entry", &all)
      .choice("sanitizer", "judge only under this build", &sanitizer, {"asan", "tsan", "memcheck"})
      .integer("runs", "runs per entry and build; every run must pass (default 1)", &runs, 1, 1000)
      .integer("timeout", "seconds before a run is killed and failed (default 120)", &timeout, 1,
               3600)
      .option("build-root", "DIR",
              "where the preset builds are (default: $SAFELAB_BUILD_ROOT, else this binary's "
              "build/)",
              &build_root)
      .option("example", "PATH", "the safelab-example to run (needs --sanitizer)", &example)
      .choice("format", "output format", &format, format_names());
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }
  if (all == !id.empty()) {
    return usage_error("safelab verdict: name one TOPIC/VARIANT or pass --all", parser.command());
  }
  if (!example.empty() && sanitizer.empty()) {
    return usage_error("safelab verdict: --example needs --sanitizer (which build it is)",
                       parser.command());
  }

  std::vector<const catalog::Entry*> entries;
  if (all) {
    for (const catalog::Entry& e : catalog::entries()) entries.push_back(&e);
  } else {
    const catalog::Entry* e = catalog::find(id);
    if (e == nullptr) {
      std::vector<std::string> ids;
      for (const auto& x : catalog::entries()) ids.push_back(x.id());
      return usage_error(
          "safelab verdict: unknown entry '" + id + "'; valid entries: " + join_choices(ids),
          parser.command());
    }
    entries.push_back(e);
  }

  const fs::path root = build_root.empty() ? default_build_root() : fs::path(build_root);
  std::vector<verdict::Job> jobs;
  for (const catalog::Entry* e : entries) {
    const std::vector<Tool> applicable = catalog::judged_under(*e);
    for (Tool f : applicable) {
      if (!sanitizer.empty() && to_string(f) != sanitizer) continue;
      verdict::Job job;
      job.entry = e->id();
      job.build = f;
      job.example = !example.empty()
                        ? example
                        : (root / verdict::preset_of(f) / "bin" / "safelab-example").string();
      job.expect = e->expectation;
      job.runs = static_cast<int>(runs);
      job.timeout = std::chrono::seconds(timeout);
      jobs.push_back(job);
    }
    if (!all && jobs.empty()) {
      return usage_error("safelab verdict: " + e->id() + " is judged under " +
                             std::string(verdict::preset_of(applicable.front())) + ", not " +
                             sanitizer,
                         parser.command());
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

  Table table({"entry", "build", "expected", "runs passed", "verdict", "observed"});
  Json list = Json::array();
  int failures = 0;
  for (const verdict::Job& job : jobs) {
    const verdict::Verdict v = verdict::run(job, show_progress);
    const verdict::RunOutcome& shown = v.representative();
    failures += v.pass() ? 0 : 1;
    table.add({job.entry, std::string(to_string(job.build)), job.expect.describe(),
               std::to_string(v.passed()) + "/" + std::to_string(v.runs.size()),
               v.pass() ? "PASS" : "FAIL", shown.why});
    Json j = Json::object();
    j.set("entry", job.entry)
        .set("build", to_string(job.build))
        .set("expected", job.expect.is_clean() ? Json("clean") : Json(job.expect.describe()))
        .set("runs", static_cast<int>(v.runs.size()))
        .set("passed", v.passed())
        .set("pass", v.pass())
        .set("observed", shown.why)
        .set("headline", shown.report ? Json(shown.report->headline) : Json(nullptr));
    list.push(std::move(j));
    if (!v.pass() && format != "json") {
      // The failing child's own words, so the reason is on screen.
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
  }
  clear_status();

  if (parse_format(format) == Format::json) {
    Json::object().set("verdicts", std::move(list)).set("failed", failures).write(std::cout);
    std::cout << "\n";
  } else {
    table.render(std::cout, parse_format(format));
    std::cout << (jobs.size() - static_cast<std::size_t>(failures)) << " passed, " << failures
              << " failed\n";
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace safelab::cli
