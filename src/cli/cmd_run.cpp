// safelab run TOPIC/VARIANT: runs one safe variant in this process.
#include <iostream>

#include "catalog.h"
#include "commands.h"
#include "output.h"

namespace safelab::cli {

// Looks an entry up for a command that runs it in-process; prints why not
// and returns nullptr when it is unknown or unsafe.
const catalog::Entry* safe_entry_or_complain(const std::string& id, const std::string& command) {
  const catalog::Entry* entry = catalog::find(id);
  if (entry == nullptr) {
    std::vector<std::string> ids;
    for (const auto& e : catalog::entries()) {
      if (!e.is_unsafe()) ids.push_back(e.id());
    }
    std::cerr << command << ": unknown entry '" << id << "'; safe entries: " << join_choices(ids)
              << "\n";
    return nullptr;
  }
  if (entry->is_unsafe()) {
    std::cerr << command << ": " << id << " is an unsafe example; it only runs in a child "
              << "process under its sanitizer: `safelab verdict " << id << "`\n";
    return nullptr;
  }
  return entry;
}

namespace {

// The model: one run of one entry.
struct RunReport {
  std::string id;
  catalog::Params params;
  catalog::Outcome outcome;
};

Json to_json(const RunReport& r) {
  Json j;
  j["id"] = r.id;
  j["threads"] = r.params.threads;
  j["size"] = r.params.size;
  j["result"] = r.outcome.result;
  j["expected"] = r.outcome.expected;
  j["correct"] = r.outcome.correct();
  j["time_ns"] = static_cast<std::int64_t>(r.outcome.elapsed.count());
  return j;
}

Table to_table(const RunReport& r) {
  Table t({"entry", "threads", "size", "result", "expected", "correct", "time"});
  t.add({r.id, std::to_string(r.params.threads), std::to_string(r.params.size), r.outcome.result,
         r.outcome.expected, r.outcome.correct() ? "yes" : "NO",
         human_duration(static_cast<double>(r.outcome.elapsed.count()))});
  return t;
}

struct Options {
  std::string id;
  Format format = Format::table;
  std::int64_t threads = 0;
  std::int64_t size = 0;
  std::int64_t seed = 1;
};

}  // namespace

void add_run(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "run", "run one safe variant: safelab run TOPIC/VARIANT",
      "Runs one safe variant and checks its result against the topic's reference answer (exit 1 "
      "if it is wrong).");
  app->add_option("entry", opts->id, "TOPIC/VARIANT, as `safelab list` names it")->required();
  app->add_option("--threads", opts->threads, "threads (default: the entry's)")
      ->check(between(1, 1024));
  app->add_option("--size", opts->size, "problem size (default: the entry's)")
      ->check(between(1, std::int64_t{1} << 40));
  app->add_option("--seed", opts->seed, "seed for generated inputs (default 1)")
      ->check(between(0, std::int64_t{1} << 62));
  add_format_option(app, &opts->format);
  commands.add(app, [opts, app] {
    const catalog::Entry* entry = safe_entry_or_complain(opts->id, command_path(app));
    if (entry == nullptr) return 2;
    RunReport r{opts->id,
                catalog::resolve(*entry, {static_cast<int>(opts->threads), opts->size,
                                          static_cast<std::uint64_t>(opts->seed)}),
                {}};
    r.outcome = entry->run(r.params);
    render(std::cout, opts->format, r);
    return r.outcome.correct() ? 0 : 1;
  });
}

}  // namespace safelab::cli
