// safelab labs hint NN: the next graded hint of a lab.
#include <algorithm>
#include <iostream>

#include "labs_commands.h"

namespace safelab::cli::labs {
namespace {

struct Options {
  Where where;
  std::string name;
  bool restart = false;
};

int run(const Options& o, const std::string& command) {
  const LabSet set = LabSet::load(o.where.labs());
  const Lab* lab = lab_or_complain(set, o.name, command);
  if (lab == nullptr) return 2;
  show_next_hint(set, *lab, o.where, o.restart, std::cout);
  return 0;
}

}  // namespace

void show_next_hint(const LabSet& set, const Lab& lab, const Where& where, bool restart,
                    std::ostream& say) {
  const std::vector<std::string> hints = read_hints(set.hints_path(lab));
  RunnerState state(where.state_file());
  const int shown = restart ? 0 : state.hint_stage(lab.id);
  const int index = std::min(shown, static_cast<int>(hints.size()) - 1);
  say << "Hint " << index + 1 << " of " << hints.size() << " for lab " << lab.dir << ":\n\n"
      << hints[static_cast<std::size_t>(index)] << "\n";
  if (index + 1 == static_cast<int>(hints.size())) {
    say << "\n(That was the last hint. `safelab labs reset " << lab.id
        << "` restores the exercise if you want to start over.)\n";
  }
  state.set_hint_stage(lab.id, index + 1);
  state.save();
}

void add_hint(CLI::App& labs, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      labs, "hint", "the next hint of a lab",
      "Shows the next hint of a lab: gentle first, the answer last. The stage is remembered in "
      "the runner's state file.");
  app->add_option("lab", opts->name, "NN: the lab")->required();
  app->add_flag("--restart", opts->restart, "start again from the first hint");
  opts->where.add_to(app, false);
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
