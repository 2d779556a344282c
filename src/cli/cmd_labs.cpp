// safelab labs: the group of the learner's lab subcommands (labs_commands.h).
#include "commands.h"
#include "labs_commands.h"

namespace safelab::cli {

void add_labs(CLI::App& parent, Commands& commands) {
  CLI::App* labs = add_group(parent, "labs",
                             "the labs: list, check, hint, watch, reset, setup (rustlings-like)");
  labs::add_list(*labs, commands);
  labs::add_check(*labs, commands);
  labs::add_hint(*labs, commands);
  labs::add_watch(*labs, commands);
  labs::add_reset(*labs, commands);
  labs::add_setup(*labs, commands);
  // Set last: a footer is inherited by the subcommands added after it.
  labs->footer("The labs: exercises you fix until their checks pass (labs/README.md).");
}

}  // namespace safelab::cli
