// safelab labs: a rustlings-like runner for labs/.
//
//   list            every lab, done or pending (read from the last checks),
//                   and the next one to do
//   check NN        builds just that lab, runs its tests in each build it
//                   needs (incl. sanitizers), says in plain words what failed
//   hint NN         the next graded hint (gentle first, the answer last)
//   watch [NN]      re-checks the current lab whenever its files change
//   reset NN        restores the exercise from its pristine copy
//   judge NN        (CI) judges one test binary: passes, or fails as intended
//   capture NN      (docs) the normalised report a README quotes
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>
#include <tuple>

#include "args.h"
#include "commands.h"
#include "labs_check.h"
#include "labs_model.h"
#include "output.h"
#include "verdict/report.h"

namespace safelab::cli {
namespace {

namespace fs = std::filesystem;
using namespace labs;
using namespace std::chrono_literals;

// Options every subcommand that touches builds shares.
struct Where {
  std::string labs_dir;
  std::string build_root;
  std::string work;
  std::string safelab_build;
  std::string only_build;

  void add_to(ArgParser& p, bool builds) {
    p.option("labs-dir", "DIR", "the lab set (default: $SAFELAB_LABS_DIR, else the source labs/)",
             &labs_dir);
    p.option("work", "DIR", "the runner's build dir and state (default: BUILD_ROOT/labs)", &work);
    if (!builds) return;
    p.option("build-root", "DIR",
             "where safelab's preset builds are (default: $SAFELAB_BUILD_ROOT, else this "
             "binary's build/)",
             &build_root);
    p.choice("build", "check only in this build", &only_build, {"default", "asan", "tsan"});
    p.option("safelab-build", "DIR", "the safelab build to link against (needs --build)",
             &safelab_build);
  }
  fs::path root() const { return build_root.empty() ? default_build_root() : fs::path(build_root); }
  fs::path labs() const { return labs_dir.empty() ? default_labs_dir() : fs::path(labs_dir); }
  fs::path work_dir() const { return work.empty() ? root() / "labs" : fs::path(work); }
  fs::path state_file() const { return work_dir() / "state.txt"; }
  fs::path safelab_for(const std::string& build) const {
    if (!safelab_build.empty()) return safelab_build;
    return root() / build;
  }
};

int help_or_error(ArgParser& parser, const Args& args, bool* done) {
  *done = true;
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }
  *done = false;
  return 0;
}

// The lab named `name`, or nullptr after listing the valid ones (exit 2).
const Lab* lab_or_complain(const LabSet& set, const std::string& name, const std::string& cmd) {
  if (const Lab* lab = set.find(name)) return lab;
  usage_error(cmd + ": unknown lab '" + name + "'; valid labs: " + join_choices(set.names()), cmd);
  return nullptr;
}

const Lab* next_pending(const LabSet& set, const RunnerState& state) {
  for (const Lab& lab : set.labs()) {
    if (progress_of(set, lab, state) != Progress::done) return &lab;
  }
  return nullptr;
}

std::string seconds(std::chrono::steady_clock::duration d) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << std::chrono::duration<double>(d).count() << " s";
  return out.str();
}

// ---- check ------------------------------------------------------------------

struct StepRow {
  std::string build;
  bool ok = false;
  std::string what;
  std::string detail;
};

struct CheckOutcome {
  bool pass = false;
  bool setup_error = false;  // no safelab build, configure failed: exit 2
  std::string reason;        // one line, when !pass
  std::vector<StepRow> rows;
};

CheckOutcome run_check(const LabSet& set, const Lab& lab, const Where& where,
                       std::chrono::seconds timeout, std::ostream& say) {
  CheckOutcome out;
  const auto mark = [&](const StepRow& row) {
    say << (row.ok ? "  ok    " : "  FAIL  ") << "[" << row.build << "] " << row.what << "\n";
    if (!row.detail.empty()) say << "        " << row.detail << "\n";
    say << std::flush;
    out.rows.push_back(row);
  };
  for (const std::string& build : lab.builds) {
    if (!where.only_build.empty() && build != where.only_build) continue;
    LabBuild b(build, where.safelab_for(build), where.work_dir(), set.root());
    if (auto err = b.prepare(say)) {
      out.setup_error = true;
      out.reason = *err;
      mark({build, false, "cannot build: " + *err, ""});
      return out;
    }
    const LabBuild::Compile c = b.compile(lab);
    if (!c.ok) {
      std::string what = "does not compile";
      if (lab.fails_as.kind == "compile-error" &&
          std::regex_search(c.output, std::regex(lab.fails_as.regex))) {
        what += " (as shipped: this is the lab's starting point)";
      }
      out.reason = "does not compile: " + c.first_error;
      mark({build, false, what, c.first_error});
      return out;
    }
    const Judgement j = judge_tests(lab, build, run_tests(b.binary(lab), build, timeout));
    std::string what = j.summary;
    if (j.intended) what += " (as shipped: this is what the lab teaches you to fix)";
    mark({build, j.pass, what, j.detail});
    if (!j.pass) {
      out.reason = "[" + build + "] " + j.summary;
      return out;
    }
  }
  out.pass = !out.rows.empty();
  if (out.rows.empty()) out.reason = "no build of this lab matches --build " + where.only_build;
  return out;
}

// Runs one check, prints it, records it in the state; returns the outcome.
CheckOutcome check_and_record(const LabSet& set, const Lab& lab, const Where& where,
                              std::chrono::seconds timeout, std::ostream& say) {
  const auto start = std::chrono::steady_clock::now();
  say << "checking lab " << lab.dir << " (" << lab.title << ")\n" << std::flush;
  CheckOutcome out = run_check(set, lab, where, timeout, say);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (!out.setup_error) {
    RunnerState state(where.state_file());
    state.record_check(lab.id, {out.pass, content_hash(set.exercise_path(lab)), out.reason});
    state.save();
  }
  if (out.pass) {
    say << "lab " << lab.dir << " is done (" << seconds(elapsed) << ").\n";
  } else if (!out.setup_error) {
    say << "lab " << lab.dir << " is not done yet (" << seconds(elapsed) << "). Edit "
        << (fs::path(lab.dir) / lab.exercise).string() << "; `safelab labs hint " << lab.id
        << "` helps.\n";
  }
  say << std::flush;
  return out;
}

int labs_check(const Args& args) {
  Where where;
  std::string name, format = "table";
  std::int64_t timeout = 120;
  ArgParser parser("safelab labs check",
                   "Builds one lab (only its targets, incrementally) and runs its tests in every "
                   "build it needs, sanitizers included; says in plain words what failed and the "
                   "first relevant line of the report. Exit 0 if the lab is done, 1 if not, 2 on "
                   "bad usage or a missing safelab build.");
  parser.positional("NN", "the lab: 01, 1, 01-data-race or data-race", &name, true);
  where.add_to(parser, true);
  parser.integer("timeout", "seconds before a test run is killed (default 120)", &timeout, 1, 3600)
      .choice("format", "output format of the result", &format, format_names());
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  if (!where.safelab_build.empty() && where.only_build.empty()) {
    return usage_error("safelab labs check: --safelab-build needs --build", parser.command());
  }
  const LabSet set = LabSet::load(where.labs());
  const Lab* lab = lab_or_complain(set, name, parser.command());
  if (lab == nullptr) return 2;

  const bool json = parse_format(format) == Format::json;
  std::ostringstream quiet;
  const CheckOutcome out = check_and_record(set, *lab, where, std::chrono::seconds(timeout),
                                            json ? static_cast<std::ostream&>(quiet) : std::cout);
  if (json) {
    Json steps = Json::array();
    for (const StepRow& r : out.rows) {
      steps.push(Json::object()
                     .set("build", r.build)
                     .set("ok", r.ok)
                     .set("what", r.what)
                     .set("detail", r.detail));
    }
    Json::object()
        .set("lab", lab->dir)
        .set("done", out.pass)
        .set("reason", out.reason)
        .set("steps", std::move(steps))
        .write(std::cout);
    std::cout << "\n";
  }
  if (out.setup_error) {
    std::cerr << "safelab labs check: " << out.reason << "\n";
    return 2;
  }
  return out.pass ? 0 : 1;
}

// ---- list -------------------------------------------------------------------

int labs_list(const Args& args) {
  Where where;
  std::string format = "table";
  ArgParser parser(
      "safelab labs list",
      "Lists the labs in learning order with their progress: done when the last "
      "`check` passed and the exercise has not changed since; and the next one to do.");
  where.add_to(parser, false);
  parser.choice("format", "output format", &format, format_names());
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  const LabSet set = LabSet::load(where.labs());
  const RunnerState state(where.state_file());
  const Lab* next = next_pending(set, state);

  Table table({"lab", "family", "title", "status", "fails as shipped"});
  Json list = Json::array();
  for (const Lab& lab : set.labs()) {
    const Progress p = progress_of(set, lab, state);
    std::string status(to_string(p));
    if (p == Progress::failing) status.append(": ").append(state.last_check(lab.id)->reason);
    if (&lab == next) status.insert(0, "-> ");
    table.add({lab.dir, lab.family, lab.title, status, lab.fails_as.describe()});
    list.push(Json::object()
                  .set("id", lab.id)
                  .set("dir", lab.dir)
                  .set("family", lab.family)
                  .set("title", lab.title)
                  .set("status", p == Progress::done ? "done" : "pending")
                  .set("next", &lab == next));
  }
  if (parse_format(format) == Format::json) {
    Json::object()
        .set("labs", std::move(list))
        .set("next", next == nullptr ? Json(nullptr) : Json(next->dir))
        .write(std::cout);
    std::cout << "\n";
    return 0;
  }
  table.render(std::cout, parse_format(format));
  if (next == nullptr) {
    std::cout << "\nEvery lab is done.\n";
  } else {
    std::cout << "\nNext: " << next->dir << " - read "
              << (fs::path(next->dir) / "README.md").string() << ", then `safelab labs check "
              << next->id << "`.\n";
  }
  return 0;
}

// ---- hint -------------------------------------------------------------------

int labs_hint(const Args& args) {
  Where where;
  std::string name;
  bool restart = false;
  ArgParser parser("safelab labs hint",
                   "Shows the next hint of a lab: gentle first, the answer last. The stage is "
                   "remembered in the runner's state file.");
  parser.positional("NN", "the lab", &name, true)
      .flag("restart", "start again from the first hint", &restart);
  where.add_to(parser, false);
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  const LabSet set = LabSet::load(where.labs());
  const Lab* lab = lab_or_complain(set, name, parser.command());
  if (lab == nullptr) return 2;
  const std::vector<std::string> hints = read_hints(set.hints_path(*lab));
  RunnerState state(where.state_file());
  const int shown = restart ? 0 : state.hint_stage(lab->id);
  const int index = std::min(shown, static_cast<int>(hints.size()) - 1);
  std::cout << "Hint " << index + 1 << " of " << hints.size() << " for lab " << lab->dir << ":\n\n"
            << hints[static_cast<std::size_t>(index)] << "\n";
  if (index + 1 == static_cast<int>(hints.size())) {
    std::cout << "\n(That was the last hint. `safelab labs reset " << lab->id
              << "` restores the exercise if you want to start over.)\n";
  }
  state.set_hint_stage(lab->id, index + 1);
  state.save();
  return 0;
}

// ---- reset ------------------------------------------------------------------

int labs_reset(const Args& args) {
  Where where;
  std::string name;
  bool yes = false;
  ArgParser parser("safelab labs reset",
                   "Restores a lab's exercise file from its pristine copy (labs/pristine/), "
                   "after asking: your edits to that file are lost.");
  parser.positional("NN", "the lab", &name, true).flag("yes", "do not ask", &yes);
  where.add_to(parser, false);
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  const LabSet set = LabSet::load(where.labs());
  const Lab* lab = lab_or_complain(set, name, parser.command());
  if (lab == nullptr) return 2;
  const fs::path target = set.exercise_path(*lab);
  const fs::path pristine = set.pristine_path(*lab);
  if (!fs::exists(pristine)) {
    std::cerr << "safelab labs reset: no pristine copy at " << pristine.string() << "\n";
    return 2;
  }
  if (content_hash(target) == content_hash(pristine)) {
    std::cout << target.string() << " is already pristine.\n";
    return 0;
  }
  if (!yes) {
    std::cout << "Restore " << target.string() << " from its pristine copy? Your edits to it "
              << "will be lost. [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      std::cout << "Nothing changed.\n";
      return 1;
    }
  }
  fs::copy_file(pristine, target, fs::copy_options::overwrite_existing);
  std::cout << "Restored " << target.string() << ".\n";
  return 0;
}

// ---- watch ------------------------------------------------------------------

using Snapshot = std::vector<std::pair<fs::path, fs::file_time_type>>;

Snapshot snapshot(const LabSet& set, const Lab& lab) {
  Snapshot s;
  std::error_code ec;
  for (const fs::path& p : set.watched_files(lab)) s.emplace_back(p, fs::last_write_time(p, ec));
  return s;
}

// Waits until a watched file changes (polling mtimes: it works on every file
// system, where inotify misses edits over NFS or in some containers), the
// learner presses Enter (the manual fallback), or `deadline` passes.
// Returns what happened, in words, or "" at the deadline.
std::string wait_for_change(const LabSet& set, const Lab& lab, bool* stdin_open,
                            std::chrono::steady_clock::time_point deadline) {
  const Snapshot before = snapshot(set, lab);
  while (std::chrono::steady_clock::now() < deadline) {
    if (*stdin_open) {
      pollfd pfd{STDIN_FILENO, POLLIN, 0};
      if (poll(&pfd, 1, 150) > 0) {
        char buf[256];
        const ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n > 0) return "re-check requested";
        *stdin_open = false;  // EOF: no terminal, polling only
      }
    } else {
      std::this_thread::sleep_for(150ms);
    }
    const Snapshot now = snapshot(set, lab);
    if (now != before) {
      for (const auto& entry : now) {  // not a structured binding: Clang 14 cannot capture one
        const auto it = std::find_if(before.begin(), before.end(),
                                     [&](const auto& b) { return b.first == entry.first; });
        if (it == before.end() || it->second != entry.second) {
          return "changed: " + entry.first.filename().string();
        }
      }
      return "a file was removed";
    }
  }
  return {};
}

int labs_watch(const Args& args) {
  Where where;
  std::string name;
  std::int64_t max_checks = 0, timeout = 0, test_timeout = 120;
  ArgParser parser("safelab labs watch",
                   "Checks the current lab (NN, else the next pending one), then re-checks it "
                   "whenever one of its files changes, like a REPL: save, and the verdict follows "
                   "in seconds. When it passes, moves on to the next pending lab. Press Enter to "
                   "re-check by hand; Ctrl-C quits.");
  parser.positional("NN", "the lab to watch (default: the next pending one)", &name, false);
  where.add_to(parser, true);
  parser.integer("max-checks", "stop after this many checks (0: never)", &max_checks, 0, 1'000'000)
      .integer("timeout", "stop after this many seconds (0: never)", &timeout, 0, 86'400)
      .integer("test-timeout", "seconds before a test run is killed (default 120)", &test_timeout,
               1, 3600);
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  const LabSet set = LabSet::load(where.labs());
  const Lab* lab = nullptr;
  if (!name.empty()) {
    lab = lab_or_complain(set, name, parser.command());
    if (lab == nullptr) return 2;
  } else {
    lab = next_pending(set, RunnerState(where.state_file()));
    if (lab == nullptr) {
      std::cout << "Every lab is done.\n";
      return 0;
    }
  }
  const auto deadline = timeout == 0
                            ? std::chrono::steady_clock::time_point::max()
                            : std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  bool stdin_open = isatty(STDIN_FILENO) != 0;
  std::int64_t checks = 0;
  bool last_pass = false;
  while (true) {
    const CheckOutcome out =
        check_and_record(set, *lab, where, std::chrono::seconds(test_timeout), std::cout);
    ++checks;
    last_pass = out.pass;
    if (out.setup_error) {
      std::cerr << "safelab labs watch: " << out.reason << "\n";
      return 2;
    }
    if (max_checks != 0 && checks >= max_checks) break;
    if (out.pass && name.empty()) {
      lab = next_pending(set, RunnerState(where.state_file()));
      if (lab == nullptr) {
        std::cout << "Every lab is done.\n";
        return 0;
      }
      std::cout << "\nOn to lab " << lab->dir << ": read "
                << (fs::path(lab->dir) / "README.md").string() << ".\n";
      continue;
    }
    std::cout << "watching " << lab->dir << "/ for changes"
              << (stdin_open ? " (Enter re-checks, Ctrl-C quits)" : "") << "...\n"
              << std::flush;
    const std::string why = wait_for_change(set, *lab, &stdin_open, deadline);
    if (why.empty()) {
      std::cout << "watch: stopped after " << timeout << " s\n";
      break;
    }
    std::cout << "\n" << why << "\n";
  }
  return last_pass ? 0 : 1;
}

// ---- judge (CI) ---------------------------------------------------------------

int labs_judge(const Args& args) {
  Where where;
  std::string name, binary, build, want = "pass";
  std::int64_t timeout = 120;
  ArgParser parser("safelab labs judge",
                   "Runs one lab test binary under a build's sanitizer options and judges it: "
                   "`--want pass` (the solution: every test passes, no report) or `--want "
                   "intended-failure` (the untouched exercise: fails exactly as labs.json says). "
                   "Used by CTest's lab gate. Exit 0 if the wanted outcome happened, else 1.");
  parser.positional("NN", "the lab", &name, true)
      .option("binary", "PATH", "the lab's test binary", &binary)
      .choice("build", "the build the binary comes from", &build, {"default", "asan", "tsan"})
      .choice("want", "the outcome that passes", &want, {"pass", "intended-failure"})
      .integer("timeout", "seconds before the run is killed (default 120)", &timeout, 1, 3600);
  where.add_to(parser, false);
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  if (binary.empty() || build.empty()) {
    return usage_error("safelab labs judge: needs --binary and --build", parser.command());
  }
  const LabSet set = LabSet::load(where.labs());
  const Lab* lab = lab_or_complain(set, name, parser.command());
  if (lab == nullptr) return 2;
  const auto run = run_tests(binary, build, std::chrono::seconds(timeout));
  const Judgement j = judge_tests(*lab, build, run);
  const bool ok = want == "pass" ? j.pass : j.intended;
  std::cout << (ok ? "PASS" : "FAIL") << " lab " << lab->dir << " [" << build << "] want " << want
            << (want == "pass" ? "" : " (" + lab->fails_as.describe() + ")") << ": " << j.summary
            << "\n";
  if (!j.detail.empty()) std::cout << "  " << j.detail << "\n";
  if (!ok) std::cout << "--- stdout:\n" << run.out << "--- stderr:\n" << run.err << "\n";
  return ok ? 0 : 1;
}

// ---- capture (docs) -------------------------------------------------------------

// "ns::f(std::span<unsigned int const, 18446744073709551615ul>, int)::$_0::
// operator()() const" -> "ns::f(...)::$_0::operator()() const": argument and
// template lists say nothing a learner needs and differ between compilers.
std::string short_function(std::string_view fn) {
  std::string out;
  for (std::size_t i = 0; i < fn.size(); ++i) {
    const char open = fn[i];
    const char close = open == '(' ? ')' : open == '<' ? '>' : '\0';
    const bool empty_list = i + 1 < fn.size() && fn[i + 1] == close;
    if (close == '\0' || empty_list || fn.substr(i).starts_with("(anonymous namespace)") ||
        fn.substr(0, i).ends_with("operator")) {
      out += open;
      continue;
    }
    int depth = 0;
    std::size_t j = i;
    for (; j < fn.size(); ++j) {
      if (fn[j] == open) ++depth;
      if (fn[j] == close && --depth == 0) break;
    }
    out += open;
    out += "...";
    out += close;
    i = j;
  }
  return out;
}

// The first report, its distinct frames in the learner's code (runtime and
// library frames dropped), paths shortened to file names and addresses
// blanked: the quoted report is the same on every machine and every run.
std::string normalised_excerpt(const Lab& lab, const std::string& build,
                               const verdict::ProcessResult& run) {
  std::ostringstream out;
  const std::vector<verdict::Report> reports = verdict::parse_reports(run.err);
  if (!reports.empty()) {
    const verdict::Report& r = reports.front();
    // UBSan's headline starts with the file's absolute path.
    out << std::regex_replace(r.headline, std::regex("(/[^/ :]+)+/"), "") << "\n";
    // A race report holds two stacks whose order depends on which thread
    // came second, so the frames are listed by place, not by stack order.
    struct Place {
      std::string file;
      int line = 0;
      std::string text;
    };
    std::vector<Place> places;
    for (const verdict::Frame& f : r.frames) {
      if (f.location.empty() || f.location.starts_with("/usr/")) continue;  // runtime frames
      const std::string loc = f.location.substr(f.location.rfind('/') + 1);
      Place p{loc.substr(0, loc.find(':')), 0,
              "    at " + loc + " in " + short_function(f.function)};
      if (const std::size_t colon = loc.find(':'); colon != std::string::npos) {
        p.line = std::atoi(loc.c_str() + colon + 1);
      }
      if (std::none_of(places.begin(), places.end(),
                       [&](const Place& q) { return q.text == p.text; })) {
        places.push_back(std::move(p));
      }
    }
    // The learner's file first, then the tests, then the library.
    const auto rank = [&](const Place& p) {
      return p.file == lab.exercise ? 0 : p.file.find("_test") != std::string::npos ? 1 : 2;
    };
    std::sort(places.begin(), places.end(), [&](const Place& a, const Place& b) {
      return std::tuple(rank(a), a.file, a.line, a.text) <
             std::tuple(rank(b), b.file, b.line, b.text);
    });
    if (places.size() > 5) places.resize(5);
    for (const Place& p : places) out << p.text << "\n";
    return out.str();
  }
  const Judgement j = judge_tests(lab, build, run);
  return j.summary + "\n" + (j.detail.empty() ? "" : j.detail + "\n");
}

int labs_capture(const Args& args) {
  Where where;
  std::string name, binary, build, build_dir;
  bool write = false;
  ArgParser parser("safelab labs capture",
                   "Produces the normalised diagnostic a lab's README quotes: runs the untouched "
                   "exercise's test binary (or, for a compile-error lab, builds it in "
                   "--build-dir) and prints the report with paths and addresses normalised. "
                   "--write puts it into README.md between the sanitizer-report markers.");
  parser.positional("NN", "the lab", &name, true)
      .option("binary", "PATH", "the exercise's test binary", &binary)
      .choice("build", "the build the binary comes from", &build, {"default", "asan", "tsan"})
      .option("build-dir", "DIR", "compile-error labs: the safelab build holding lab_NN_exercise",
              &build_dir)
      .flag("write", "update README.md", &write);
  where.add_to(parser, false);
  bool done = false;
  if (int rc = help_or_error(parser, args, &done); done) return rc;
  const LabSet set = LabSet::load(where.labs());
  const Lab* lab = lab_or_complain(set, name, parser.command());
  if (lab == nullptr) return 2;

  std::string text;
  if (lab->fails_as.kind == "compile-error") {
    if (build_dir.empty())
      return usage_error("safelab labs capture: needs --build-dir", parser.command());
    const auto r = verdict::run_process(
        {"cmake", "--build", build_dir, "--target", "lab_" + lab->id + "_exercise"}, {}, 600s);
    std::istringstream in(r.out + r.err);
    std::string line;
    bool on = false;
    int n = 0;
    while (std::getline(in, line) && n < 8) {
      if (!on && line.find("error:") == std::string::npos) continue;
      on = true;
      if (line.starts_with("ninja") || line.starts_with("[") || line.starts_with("In file")) break;
      // Directories go: the quote must read the same on every machine.
      text += std::regex_replace(line, std::regex("(/[^/ :]+)+/"), "") + "\n";
      ++n;
    }
  } else {
    if (binary.empty() || build.empty())
      return usage_error("safelab labs capture: needs --binary and --build", parser.command());
    text = normalised_excerpt(*lab, build, run_tests(binary, build, 120s));
  }
  if (!write) {
    std::cout << text;
    return 0;
  }
  const fs::path readme = set.root() / lab->dir / "README.md";
  std::ifstream in(readme);
  std::stringstream all;
  all << in.rdbuf();
  std::string doc = all.str();
  const std::string begin = "<!-- BEGIN sanitizer-report (safelab labs capture) -->\n";
  const std::string end = "<!-- END sanitizer-report -->";
  const std::size_t b = doc.find(begin), e = doc.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) {
    std::cerr << "safelab labs capture: " << readme.string()
              << " has no sanitizer-report markers\n";
    return 2;
  }
  doc = doc.substr(0, b + begin.size()) + "```\n" + text + "```\n" + doc.substr(e);
  std::ofstream(readme) << doc;
  std::cout << "updated " << readme.string() << "\n";
  return 0;
}

struct Sub {
  const char* name;
  int (*fn)(const Args&);
  const char* summary;
};
constexpr Sub kSubs[] = {
    {"list", labs_list, "every lab with its progress, and the next one to do"},
    {"check", labs_check, "build and check one lab (tests + sanitizers)"},
    {"hint", labs_hint, "the next hint of a lab"},
    {"watch", labs_watch, "re-check the current lab whenever its files change"},
    {"reset", labs_reset, "restore a lab's exercise from its pristine copy"},
    {"judge", labs_judge, "(CI) judge one lab test binary: passes or fails as intended"},
    {"capture", labs_capture, "(docs) the normalised report a lab README quotes"},
};

}  // namespace

int cmd_labs(const Args& args) {
  const auto help = [](std::ostream& out) {
    out << "usage: safelab labs SUBCOMMAND [options]\n\n"
           "The labs: exercises you fix until their checks pass (labs/README.md).\n\n";
    for (const Sub& s : kSubs) {
      out << "  " << s.name << std::string(10 - std::string(s.name).size(), ' ') << s.summary
          << "\n";
    }
    out << "\n`safelab labs SUBCOMMAND --help` describes each.\n";
  };
  if (args.empty()) {
    help(std::cerr);
    return 2;
  }
  if (args.front() == "--help" || args.front() == "-h") {
    help(std::cout);
    return 0;
  }
  for (const Sub& s : kSubs) {
    if (args.front() != s.name) continue;
    try {
      return s.fn(Args(args.begin() + 1, args.end()));
    } catch (const LabsError& e) {
      std::cerr << "safelab labs " << s.name << ": " << e.what() << "\n";
      return 2;
    }
  }
  std::vector<std::string> names;
  for (const Sub& s : kSubs) names.emplace_back(s.name);
  return usage_error("safelab labs: unknown subcommand '" + args.front() +
                         "'; valid subcommands: " + join_choices(names),
                     "safelab labs");
}

}  // namespace safelab::cli
