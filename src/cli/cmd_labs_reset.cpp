// safelab labs reset NN: restores a lab's exercise and tests as shipped
// (the copies embedded at build time, labs_shipped.h) and starts its hints
// and progress again.
#include <fstream>
#include <iostream>

#include "absl/strings/str_join.h"
#include "labs_commands.h"
#include "labs_shipped.h"

namespace safelab::cli::labs {
namespace {

namespace fs = std::filesystem;

struct Options {
  Where where;
  std::string name;
  bool yes = false;
};

int run(const Options& o, const std::string& command) {
  const LabSet set = LabSet::load(o.where.labs());
  const Lab* lab = lab_or_complain(set, o.name, command);
  if (lab == nullptr) return 2;

  // The files that differ from their shipped copy.
  std::vector<std::pair<fs::path, std::string_view>> edited;
  for (const std::string& file : set.shipped_files(*lab)) {
    if (!shipped_content(file)) {
      std::cerr << command << ": this safelab was built without a shipped copy of " << file
                << " (is labs.json newer than the build?)\n";
      return 2;
    }
  }
  // Every file of the lab's folder as shipped: exercise, tests and the rest.
  for (const ShippedFile& f : shipped_files()) {
    if (!f.path.starts_with(lab->dir + "/")) continue;
    const fs::path path = set.root() / f.path;
    if (read_text(path) != f.content) edited.emplace_back(path, f.content);
  }
  RunnerState state(o.where.state_file());
  const bool hints_shown = state.hint_stage(lab->id) > 0;
  if (edited.empty() && !hints_shown) {
    std::cout << "Lab " << lab->dir << " is as shipped: nothing to reset.\n";
    return 0;
  }
  if (!edited.empty() && !o.yes) {
    std::vector<std::string> names;
    for (const auto& e : edited) names.push_back(e.first.string());
    std::cout << "Restore " << absl::StrJoin(names, ", ")
              << " as shipped? Your edits to it will be lost. [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      std::cout << "Nothing changed.\n";
      return 1;
    }
  }
  for (const auto& [path, shipped] : edited) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << shipped;
    if (!out) throw LabsError("cannot write " + path.string());
    std::cout << "Restored " << path.string() << ".\n";
  }
  state.forget(lab->id);
  state.save();
  std::cout << "Lab " << lab->dir << " starts again: hints from the first, progress unchecked.\n";
  return 0;
}

}  // namespace

void add_reset(CLI::App& labs, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      labs, "reset", "restore a lab's exercise and tests as shipped, and its hints",
      "Restores a lab's exercise and tests as shipped (copies built into safelab), after "
      "asking: your edits to them are lost. The lab's hints start again from the first.");
  app->add_option("lab", opts->name, "NN: the lab")->required();
  app->add_flag("--yes", opts->yes, "do not ask");
  opts->where.add_to(app, false);
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
