// safelab list: the catalog as a table, Markdown or JSON.
#include <iostream>

#include "catalog.h"
#include "commands.h"
#include "output.h"
#include "safelab/core/version.h"

namespace safelab::cli {

// The expected verdict in words: "clean" or "tsan: data race in f".
std::string expectation_text(const verdict::Expectation& e) {
  if (e.is_clean()) return "clean";
  return std::string(verdict::to_string(*e.tool)) + ": " + e.describe();
}

Json expectation_json(const verdict::Expectation& e) {
  Json j = Json::object();
  j["verdict"] = e.is_clean() ? "clean" : "report";
  if (!e.is_clean()) {
    j["tool"] = verdict::to_string(*e.tool);
    j["kind"] = e.kind;
    j["function"] = e.function;
  }
  return j;
}

namespace {

// The model: the selected entries, in catalog order.
struct Listing {
  std::vector<const catalog::Entry*> entries;
};

Json to_json(const Listing& l) {
  Json list = Json::array();
  for (const catalog::Entry* e : l.entries) {
    Json j;
    j["id"] = e->id();
    j["topic"] = e->topic;
    j["variant"] = e->variant;
    j["family"] = catalog::to_string(e->family);
    j["style"] = catalog::to_string(e->style);
    j["expected"] = expectation_json(e->expectation);
    j["judged_under"] = Json::array();
    for (verdict::Tool b : catalog::judged_under(*e))
      j["judged_under"].push_back(verdict::to_string(b));
    j["summary"] = e->summary;
    j["topic_summary"] = e->topic_summary;
    j["lab"] = e->lab;
    j["defaults"] = {{"threads", e->defaults.threads}, {"size", e->defaults.size}};
    list.push_back(std::move(j));
  }
  Json doc;
  doc["safelab_version"] = core::version_string();
  doc["entries"] = std::move(list);
  return doc;
}

Table to_table(const Listing& l) {
  Table table({"entry", "family", "style", "expected verdict", "summary"});
  for (const catalog::Entry* e : l.entries) {
    table.add({e->id(), std::string(catalog::to_string(e->family)),
               std::string(catalog::to_string(e->style)), expectation_text(e->expectation),
               std::string(e->summary)});
  }
  return table;
}

struct Options {
  Format format = Format::table;
  std::string family;
};

}  // namespace

void add_list(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "list", "list the catalog: topics, variants, expected verdicts",
      "Lists every catalog entry: topic/variant, family, style, the verdict the sanitizer suite "
      "must reproduce, summary.");
  add_format_option(app, &opts->format);
  const std::vector<std::string> families(catalog::family_names().begin(),
                                          catalog::family_names().end());
  app->add_option("--family", opts->family, "only this family")->check(one_of(families));
  commands.add(app, [opts] {
    Listing listing;
    for (const catalog::Entry& e : catalog::entries()) {
      if (opts->family.empty() || catalog::to_string(e.family) == opts->family) {
        listing.entries.push_back(&e);
      }
    }
    render(std::cout, opts->format, listing);
    return 0;
  });
}

}  // namespace safelab::cli
