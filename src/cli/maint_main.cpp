// safelab-maint: the maintainer's lab tools, kept out of the learner's
// `safelab` command.
//
//   safelab-maint judge NN     CTest's lab gate: a test binary passes, or
//                              fails exactly as labs.json says
//   safelab-maint capture NN   the normalised report a lab README quotes
#include "labs_commands.h"

int main(int argc, char** argv) {
  using namespace safelab::cli;
  auto app = make_app("safelab-maint",
                      "The maintainer's lab tools: the CTest lab gate and the reports the lab "
                      "READMEs quote. Learners use `safelab labs`.");
  Commands commands;
  labs::add_judge(*app, commands);
  labs::add_capture(*app, commands);
  return run_app(*app, commands, argc, argv);
}
