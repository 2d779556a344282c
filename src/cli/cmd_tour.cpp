// safelab tour: every topic's safe variants side by side, measured.
//
// For each selected topic, each safe variant runs at 1 thread and at N
// threads (best of --repeat runs each); the table shows its result, whether
// it is correct, its time at N threads, its speedup over its own 1-thread
// run, and the verdict the topic's unsafe twin must get from the sanitizers.

#include <algorithm>
#include <iostream>
#include <thread>

#include "args.h"
#include "catalog.h"
#include "commands.h"
#include "output.h"

namespace safelab::cli {
namespace {

struct Measured {
  catalog::Outcome at_one;
  catalog::Outcome at_n;
  bool correct() const { return at_one.correct() && at_n.correct(); }
  double speedup() const {
    return static_cast<double>(at_one.elapsed.count()) /
           static_cast<double>(std::max<std::int64_t>(1, at_n.elapsed.count()));
  }
};

// Best (fastest) of `repeat` runs: the least disturbed by the rest of the
// machine. A wrong answer in any run is kept, never hidden by a later one.
catalog::Outcome best_of(const catalog::Entry& e, catalog::Params p, int repeat) {
  catalog::Outcome best = e.run(p);
  for (int i = 1; i < repeat; ++i) {
    catalog::Outcome o = e.run(p);
    if (!o.correct()) return o;
    if (o.elapsed < best.elapsed) best = o;
  }
  return best;
}

class Progress {
 public:
  explicit Progress(int total) : total_(total) {}
  void step(const std::string& what) {
    ++done_;
    show_status("tour [" + std::to_string(done_) + "/" + std::to_string(total_) + "] " + what);
  }
  ~Progress() { clear_status(); }

 private:
  int total_;
  int done_ = 0;
};

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

int cmd_tour(const Args& args) {
  std::string family;
  std::string topic;
  std::string format = "table";
  std::int64_t threads = std::max(2u, std::thread::hardware_concurrency());
  std::int64_t repeat = 3;
  bool quick = false;
  std::vector<std::string> families(catalog::family_names().begin(), catalog::family_names().end());
  std::vector<std::string> topic_names;
  for (auto t : catalog::topics()) topic_names.emplace_back(t);

  ArgParser parser("safelab tour",
                   "Runs every safe variant of the selected topics at 1 and N threads and prints "
                   "them side by side: result, time, speedup, and the unsafe twin's verdict.");
  parser.choice("family", "only this family", &family, families)
      .choice("topic", "only this topic", &topic, topic_names)
      .integer("threads", "N, the thread count compared with 1 (default: cores, at least 2)",
               &threads, 1, 256)
      .integer("repeat", "runs per measurement, the fastest is kept (default 3)", &repeat, 1, 100)
      .flag("quick", "one run per measurement, a tenth of the default size", &quick)
      .choice("format", "output format", &format, format_names());
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }
  if (quick) repeat = 1;

  std::vector<const catalog::Entry*> selected;
  for (const catalog::Entry& e : catalog::entries()) {
    if (!family.empty() && catalog::to_string(e.family) != family) continue;
    if (!topic.empty() && e.topic != topic) continue;
    selected.push_back(&e);
  }
  const auto safe_count = std::count_if(selected.begin(), selected.end(),
                                        [](const catalog::Entry* e) { return !e->is_unsafe(); });
  if (safe_count == 0) {
    std::cerr << "safelab tour: no safe variant matches --family " << family << " --topic " << topic
              << "\n";
    return 2;
  }

  Progress progress(static_cast<int>(safe_count));
  // One table per family, each followed by what its topics show.
  struct FamilyReport {
    std::string name;
    Table table;
    std::vector<std::string> lessons;  // "topic: what this shows"
  };
  std::vector<FamilyReport> reports;
  const std::vector<std::string> header = {
      "topic",         "variant",
      "style",         "result",
      "correct",       "time @" + std::to_string(threads) + "t",
      "speedup vs 1t", "the unsafe twin must get"};
  Json topics_json = Json::array();
  bool all_correct = true;

  for (std::size_t i = 0; i < selected.size();) {
    const std::string_view topic_name = selected[i]->topic;
    std::vector<const catalog::Entry*> group;
    for (; i < selected.size() && selected[i]->topic == topic_name; ++i)
      group.push_back(selected[i]);

    const std::string family_name(catalog::to_string(group.front()->family));
    if (reports.empty() || reports.back().name != family_name) {
      reports.push_back({family_name, Table(header), {}});
    }
    FamilyReport& report = reports.back();
    report.lessons.push_back(std::string(topic_name) + ": " +
                             std::string(group.front()->topic_summary));
    std::string twins;
    Json unsafe_json = Json::array();
    for (const catalog::Entry* e : group) {
      if (!e->is_unsafe()) continue;
      twins += (twins.empty() ? "" : "; ") + expectation_text(e->expectation);
      unsafe_json.push(Json::object()
                           .set("variant", e->variant)
                           .set("expected", expectation_json(e->expectation)));
    }
    Json variants_json = Json::array();
    for (const catalog::Entry* e : group) {
      if (e->is_unsafe()) continue;
      progress.step(e->id());
      catalog::Params p = catalog::resolve(*e, {});
      if (quick) p.size = std::max<std::int64_t>(1, p.size / 10);
      catalog::Params one = p;
      one.threads = 1;
      catalog::Params many = p;
      many.threads = static_cast<int>(threads);
      const Measured m{best_of(*e, one, static_cast<int>(repeat)),
                       best_of(*e, many, static_cast<int>(repeat))};
      all_correct = all_correct && m.correct();
      report.table.add({std::string(e->topic), std::string(e->variant),
                        std::string(catalog::to_string(e->style)), m.at_n.result,
                        m.correct() ? "yes" : "NO (expected " + m.at_n.expected + ")",
                        human_duration(static_cast<double>(m.at_n.elapsed.count())),
                        fixed(m.speedup(), 2) + "x", twins.empty() ? "-" : twins});
      variants_json.push(
          Json::object()
              .set("variant", e->variant)
              .set("style", catalog::to_string(e->style))
              .set("result", m.at_n.result)
              .set("expected", m.at_n.expected)
              .set("correct", m.correct())
              .set("time_ns_1_thread", static_cast<std::int64_t>(m.at_one.elapsed.count()))
              .set("time_ns_n_threads", static_cast<std::int64_t>(m.at_n.elapsed.count()))
              .set("speedup", m.speedup()));
    }
    topics_json.push(Json::object()
                         .set("topic", topic_name)
                         .set("family", catalog::to_string(group.front()->family))
                         .set("summary", group.front()->topic_summary)
                         .set("size", catalog::resolve(*group.front(), {}).size / (quick ? 10 : 1))
                         .set("variants", std::move(variants_json))
                         .set("unsafe", std::move(unsafe_json)));
  }

  if (parse_format(format) == Format::json) {
    Json::object()
        .set("threads", threads)
        .set("repeat", repeat)
        .set("quick", quick)
        .set("topics", std::move(topics_json))
        .write(std::cout);
    std::cout << "\n";
  } else {
    const bool md = parse_format(format) == Format::md;
    for (const FamilyReport& r : reports) {
      std::cout << (md ? "### " : "== ") << r.name << (md ? "\n\n" : " ==\n");
      r.table.render(std::cout, parse_format(format));
      std::cout << (md ? "\n" : "");
      for (const std::string& lesson : r.lessons) std::cout << (md ? "- " : "  ") << lesson << "\n";
      std::cout << "\n";
    }
  }
  return all_correct ? 0 : 1;
}

}  // namespace safelab::cli
