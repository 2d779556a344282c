// safelab: the command-line front door to the catalog.
//
//   safelab tour      every topic's safe variants side by side, measured
//   safelab run       one safe variant
//   safelab verdict   the verdict runner (sanitizer suite) on catalog entries
//   safelab list      the catalog
//   safelab labs      the exercises (list, check, hint, watch, reset)
//   safelab check     the sanitizer suite on your own program
//   safelab matrix    the detection matrix
//   safelab gil       the GIL experiments on the model
#include "commands.h"
#include "safelab/core/version.h"

int main(int argc, char** argv) {
  using namespace safelab::cli;
  auto app = make_app("safelab",
                      "safelab runs paired examples - the Python way, the Rust way and the unsafe "
                      "way - and measures them. `safelab COMMAND --help` describes each.");
  app->set_version_flag("--version", "safelab " + std::string(safelab::core::version_string()));
  Commands commands;
  add_tour(*app, commands);
  add_run(*app, commands);
  add_verdict(*app, commands);
  add_list(*app, commands);
  add_labs(*app, commands);
  add_check(*app, commands);
  add_matrix(*app, commands);
  add_gil(*app, commands);
  return run_app(*app, commands, argc, argv);
}
