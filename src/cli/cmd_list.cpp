// safelab list: the catalog as a table, Markdown or JSON.
#include <iostream>

#include "args.h"
#include "catalog.h"
#include "commands.h"
#include "output.h"
#include "safelab/core/version.h"

namespace safelab::cli {

// The expected verdict in words: "clean" or "tsan: data race in f".
std::string expectation_text(const catalog::Expectation& e) {
  if (e.is_clean()) return "clean";
  return std::string(verdict::to_string(*e.tool)) + ": " + std::string(e.kind) + " in " +
         std::string(e.function);
}

Json expectation_json(const catalog::Expectation& e) {
  Json j = Json::object();
  j.set("verdict", e.is_clean() ? "clean" : "report");
  if (!e.is_clean()) {
    j.set("tool", verdict::to_string(*e.tool)).set("kind", e.kind).set("function", e.function);
  }
  return j;
}

namespace {
Json judged_under_json(const catalog::Entry& e) {
  Json builds = Json::array();
  for (verdict::Tool b : catalog::judged_under(e)) builds.push(verdict::to_string(b));
  return builds;
}
}  // namespace

int cmd_list(const Args& args) {
  std::string format = "table";
  std::string family;
  ArgParser parser("safelab list",
                   "Lists every catalog entry: topic/variant, family, style, "
                   "the verdict the sanitizer suite must reproduce, summary.");
  parser.choice("format", "output format", &format, format_names());
  std::vector<std::string> families(catalog::family_names().begin(), catalog::family_names().end());
  parser.choice("family", "only this family", &family, families);
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }

  Json doc = Json::object();
  Json list = Json::array();
  Table table({"entry", "family", "style", "expected verdict", "summary"});
  for (const catalog::Entry& e : catalog::entries()) {
    if (!family.empty() && catalog::to_string(e.family) != family) continue;
    table.add({e.id(), std::string(catalog::to_string(e.family)),
               std::string(catalog::to_string(e.style)), expectation_text(e.expectation),
               std::string(e.summary)});
    list.push(
        Json::object()
            .set("id", e.id())
            .set("topic", e.topic)
            .set("variant", e.variant)
            .set("family", catalog::to_string(e.family))
            .set("style", catalog::to_string(e.style))
            .set("expected", expectation_json(e.expectation))
            .set("judged_under", judged_under_json(e))
            .set("summary", e.summary)
            .set("topic_summary", e.topic_summary)
            .set("lab", e.lab)
            .set("defaults",
                 Json::object().set("threads", e.defaults.threads).set("size", e.defaults.size)));
  }
  if (parse_format(format) == Format::json) {
    doc.set("safelab_version", core::version_string()).set("entries", std::move(list));
    doc.write(std::cout);
    std::cout << "\n";
  } else {
    table.render(std::cout, parse_format(format));
  }
  return 0;
}

}  // namespace safelab::cli
