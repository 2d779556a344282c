// safelab-maint capture NN: the normalised diagnostic a lab's README quotes,
// produced by running the untouched exercise (never pasted by hand).
#include <fstream>
#include <iostream>
#include <sstream>

#include "labs_check.h"
#include "labs_commands.h"
#include "verdict/normalise.h"

namespace safelab::cli::labs {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Options {
  Where where;
  std::string name;
  std::string binary;
  std::string build;
  std::string build_dir;
  bool write = false;
};

// The text to quote: the compiler's refusal, or the first sanitizer report
// (else the judgement of the run, for a lab whose tests just fail).
std::optional<std::string> capture(const Options& o, const Lab& lab, const std::string& command) {
  if (lab.fails_as.kind == "compile-error") {
    if (o.build_dir.empty()) {
      usage_error(command + ": a compile-error lab needs --build-dir", command);
      return std::nullopt;
    }
    const auto r = verdict::run_process(
        {"cmake", "--build", o.build_dir, "--target", "lab_" + lab.id + "_exercise"}, {}, 600s);
    return verdict::normalised_compile_errors(r.out + r.err);
  }
  if (o.binary.empty() || o.build.empty()) {
    usage_error(command + ": needs --binary and --build", command);
    return std::nullopt;
  }
  const verdict::ProcessResult run = run_tests(o.binary, o.build, 120s);
  if (auto report = verdict::normalised_report(run.err, lab.exercise)) return *report;
  const Judgement j = judge_tests(lab, o.build, run);
  return j.summary + "\n" + (j.detail.empty() ? "" : j.detail + "\n");
}

int run(const Options& o, const std::string& command) {
  const LabSet set = LabSet::load(o.where.labs());
  const Lab* lab = lab_or_complain(set, o.name, command);
  if (lab == nullptr) return 2;
  const std::optional<std::string> text = capture(o, *lab, command);
  if (!text) return 2;
  if (!o.write) {
    std::cout << *text;
    return 0;
  }
  const fs::path readme = set.root() / lab->dir / "README.md";
  std::ifstream in(readme);
  std::stringstream all;
  all << in.rdbuf();
  std::string doc = all.str();
  // The marker keeps its old wording: the READMEs carry it.
  const std::string begin = "<!-- BEGIN sanitizer-report (safelab labs capture) -->\n";
  const std::string end = "<!-- END sanitizer-report -->";
  const std::size_t b = doc.find(begin), e = doc.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) {
    std::cerr << command << ": " << readme.string() << " has no sanitizer-report markers\n";
    return 2;
  }
  doc = doc.substr(0, b + begin.size()) + "```\n" + *text + "```\n" + doc.substr(e);
  std::ofstream(readme) << doc;
  std::cout << "updated " << readme.string() << "\n";
  return 0;
}

}  // namespace

void add_capture(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "capture", "(docs) the normalised report a lab README quotes",
      "Produces the normalised diagnostic a lab's README quotes: runs the untouched exercise's "
      "test binary (or, for a compile-error lab, builds it in --build-dir) and prints the report "
      "with paths and addresses normalised. --write puts it into README.md between the "
      "sanitizer-report markers.");
  app->add_option("lab", opts->name, "NN: the lab")->required();
  app->add_option("--binary", opts->binary, "PATH: the exercise's test binary");
  app->add_option("--build", opts->build, "the build the binary comes from")
      ->check(one_of({"default", "asan", "tsan"}));
  app->add_option("--build-dir", opts->build_dir,
                  "DIR: compile-error labs: the safelab build holding lab_NN_exercise");
  app->add_flag("--write", opts->write, "update README.md");
  opts->where.add_to(app, false);
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
