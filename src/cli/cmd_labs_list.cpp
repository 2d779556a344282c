// safelab labs list: every lab in learning order with its progress, and the
// next one to do.
#include <algorithm>
#include <iostream>

#include "labs_commands.h"
#include "output.h"

namespace safelab::cli::labs {
namespace {

namespace fs = std::filesystem;

// The model: one row per lab. Both views print `progress` (done, failing,
// edited, unchecked) and the failing check's reason, so they agree.
struct LabRow {
  const Lab* lab;
  Progress progress;
  std::string reason;  // the last check's, when failing
  bool next = false;
};

struct Listing {
  std::vector<LabRow> rows;
  const Lab* next = nullptr;
};

Json to_json(const Listing& l) {
  Json labs = Json::array();
  for (const LabRow& r : l.rows) {
    Json j;
    j["id"] = r.lab->id;
    j["dir"] = r.lab->dir;
    j["family"] = r.lab->family;
    j["title"] = r.lab->title;
    // "done" or "pending": the coarse status; `progress` says which pending.
    j["status"] = r.progress == Progress::done ? "done" : "pending";
    j["next"] = r.next;
    j["component"] = r.lab->component;
    j["progress"] = to_string(r.progress);
    j["reason"] = r.reason;
    labs.push_back(std::move(j));
  }
  Json doc;
  doc["labs"] = std::move(labs);
  doc["next"] = l.next == nullptr ? Json(nullptr) : Json(l.next->dir);
  return doc;
}

Table to_table(const Listing& l) {
  Table table({"lab", "family", "component", "title", "status", "fails as shipped"});
  for (const LabRow& r : l.rows) {
    // A cell stays short (`check NN` and --format json give the whole reason).
    std::string status(to_string(r.progress));
    if (!r.reason.empty()) {
      constexpr std::size_t kMaxReason = 60;
      status.append(": ").append(
          r.reason.size() <= kMaxReason ? r.reason : r.reason.substr(0, kMaxReason - 3) + "...");
    }
    if (r.next) status.insert(0, "-> ");
    table.add({r.lab->dir, r.lab->family, r.lab->component, r.lab->title, status,
               r.lab->fails_as.describe()});
  }
  return table;
}

struct Options {
  Where where;
  Format format = Format::table;
};

int run(const Options& o) {
  print_list(LabSet::load(o.where.labs()), o.where, o.format, std::cout);
  return 0;
}

}  // namespace

std::string done_count(const LabSet& set, const RunnerState& state) {
  const auto& labs = set.labs();
  const auto done = std::count_if(labs.begin(), labs.end(), [&](const Lab& lab) {
    return progress_of(set, lab, state) == Progress::done;
  });
  return std::to_string(done) + "/" + std::to_string(labs.size()) + " done";
}

void print_list(const LabSet& set, const Where& where, Format format, std::ostream& say) {
  const RunnerState state(where.state_file());
  Listing listing;
  listing.next = next_pending(set, state);
  for (const Lab& lab : set.labs()) {
    LabRow row{&lab, progress_of(set, lab, state), "", &lab == listing.next};
    if (row.progress == Progress::failing) row.reason = state.last_check(lab.id)->reason;
    listing.rows.push_back(std::move(row));
  }
  render(say, format, listing);
  if (format == Format::json) return;
  say << "\n" << done_count(set, state) << "\n";
  if (listing.next == nullptr) {
    say << "\nEvery lab is done.\n";
  } else {
    say << "\nNext: " << listing.next->dir << " - read "
        << (fs::path(listing.next->dir) / "README.md").string() << ", then `safelab labs check "
        << listing.next->id << "`.\n";
  }
}

void add_list(CLI::App& labs, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      labs, "list", "every lab with its progress, and the next one to do",
      "Lists the labs in learning order with their progress - done (the last `check` passed and "
      "the exercise has not changed since), failing, edited (since the last check) or "
      "unchecked - and the next one to do.");
  opts->where.add_to(app, false);
  add_format_option(app, &opts->format);
  commands.add(app, [opts] { return run(*opts); });
}

}  // namespace safelab::cli::labs
