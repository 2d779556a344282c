#include "labs_where.h"

namespace safelab::cli::labs {

namespace fs = std::filesystem;

void Where::add_to(CLI::App* app, bool builds) {
  app->add_option("--labs-dir", labs_dir,
                  "DIR: the lab set (default: $SAFELAB_LABS_DIR, else the source labs/)");
  app->add_option("--work", work,
                  "DIR: the runner's build dir and state (default: BUILD_ROOT/labs)");
  if (!builds) return;
  app->add_option("--build-root", build_root,
                  "DIR: where safelab's preset builds are (default: $SAFELAB_BUILD_ROOT, else this "
                  "binary's build/)");
  app->add_option("--build", only_build, "check only in this build")
      ->check(one_of({"default", "asan", "tsan"}));
  app->add_option("--safelab-build", safelab_build,
                  "DIR: the safelab build to link against (needs --build)");
}

fs::path Where::root() const {
  return build_root.empty() ? default_build_root() : fs::path(build_root);
}
fs::path Where::labs() const { return labs_dir.empty() ? default_labs_dir() : fs::path(labs_dir); }
fs::path Where::work_dir() const { return work.empty() ? root() / "labs" : fs::path(work); }
fs::path Where::safelab_for(const std::string& build) const {
  if (!safelab_build.empty()) return safelab_build;
  return root() / build;
}

const Lab* lab_or_complain(const LabSet& set, const std::string& name, const std::string& command) {
  if (const Lab* lab = set.find(name)) return lab;
  usage_error(command + ": unknown lab '" + name + "'; valid labs: " + join_choices(set.names()),
              command);
  return nullptr;
}

const Lab* next_pending(const LabSet& set, const RunnerState& state) {
  for (const Lab& lab : set.labs()) {
    if (progress_of(set, lab, state) != Progress::done) return &lab;
  }
  return nullptr;
}

}  // namespace safelab::cli::labs
