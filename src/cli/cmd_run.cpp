// safelab run TOPIC/VARIANT: runs one safe variant in this process.
#include <iostream>

#include "args.h"
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

int cmd_run(const Args& args) {
  std::string id;
  std::string format = "table";
  std::int64_t threads = 0;
  std::int64_t size = 0;
  std::int64_t seed = 1;
  ArgParser parser("safelab run",
                   "Runs one safe variant and checks its result against the "
                   "topic's reference answer (exit 1 if it is wrong).");
  parser.positional("TOPIC/VARIANT", "the entry, as `safelab list` names it", &id, true)
      .integer("threads", "threads (default: the entry's)", &threads, 1, 1024)
      .integer("size", "problem size (default: the entry's)", &size, 1, std::int64_t{1} << 40)
      .integer("seed", "seed for generated inputs", &seed, 0, std::int64_t{1} << 62)
      .choice("format", "output format", &format, format_names());
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }
  const catalog::Entry* entry = safe_entry_or_complain(id, parser.command());
  if (entry == nullptr) return 2;
  const catalog::Params params =
      catalog::resolve(*entry, {static_cast<int>(threads), size, static_cast<std::uint64_t>(seed)});
  const catalog::Outcome outcome = entry->run(params);

  if (parse_format(format) == Format::json) {
    Json::object()
        .set("id", id)
        .set("threads", params.threads)
        .set("size", params.size)
        .set("result", outcome.result)
        .set("expected", outcome.expected)
        .set("correct", outcome.correct())
        .set("time_ns", static_cast<std::int64_t>(outcome.elapsed.count()))
        .write(std::cout);
    std::cout << "\n";
  } else {
    Table t({"entry", "threads", "size", "result", "expected", "correct", "time"});
    t.add({id, std::to_string(params.threads), std::to_string(params.size), outcome.result,
           outcome.expected, outcome.correct() ? "yes" : "NO",
           human_duration(static_cast<double>(outcome.elapsed.count()))});
    t.render(std::cout, parse_format(format));
  }
  return outcome.correct() ? 0 : 1;
}

}  // namespace safelab::cli
