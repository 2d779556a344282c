// Tests the `safelab labs` runner as a learner meets it: bad names get the
// list of valid labs and exit 2, list says the same in its table and its
// JSON, hints come one at a time, reset asks before it overwrites and then
// restores the shipped files, and watch re-checks a lab when a file of it
// changes.
// Every test works on a scratch copy of labs/, never on the tree itself.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "labs_model.h"
#include "labs_shipped.h"
#include "verdict/process.h"

namespace safelab {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

verdict::ProcessResult safelab(std::vector<std::string> args, std::chrono::seconds timeout = 120s) {
  args.insert(args.begin(), SAFELAB_CLI_PATH);
  return verdict::run_process(args, {}, timeout);
}

verdict::ProcessResult maint(std::vector<std::string> args) {
  args.insert(args.begin(), SAFELAB_MAINT_PATH);
  return verdict::run_process(args, {}, 120s);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scratch copy of labs/ (sources only) and a work dir, removed afterwards.
class LabsCopy {
 public:
  LabsCopy() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("safelab-labs-" + std::string(info->name()) + "-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    fs::copy(SAFELAB_LABS_SOURCE, labs(), fs::copy_options::recursive);
  }
  ~LabsCopy() { fs::remove_all(root_); }
  fs::path labs() const { return root_ / "labs"; }
  fs::path work() const { return root_ / "work"; }

 private:
  fs::path root_;
};

// Tests that an unknown lab is refused with the valid names and exit 2.
TEST(LabsCliTest, UnknownLabListsTheValidOnes) {
  for (const char* sub : {"check", "hint", "reset", "watch"}) {
    const auto r = safelab({"labs", sub, "99-nope"});
    EXPECT_EQ(r.exit_code, 2) << sub;
    EXPECT_TRUE(contains(r.err, "unknown lab '99-nope'")) << r.err;
    EXPECT_TRUE(contains(r.err, "01-data-race")) << "lists the valid labs: " << r.err;
  }
  const auto r = safelab({"labs", "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "unknown command 'frobnicate'; valid commands: list")) << r.err;
}

// Tests that every subcommand answers --help, and that the maintainer's
// tools are in safelab-maint, not in the learner's command.
TEST(LabsCliTest, EverySubcommandHasHelp) {
  for (const char* sub : {"list", "check", "hint", "watch", "reset", "setup"}) {
    const auto r = safelab({"labs", sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_TRUE(contains(r.out, std::string("usage: safelab labs ") + sub)) << r.out;
  }
  for (const char* sub : {"judge", "capture"}) {
    EXPECT_EQ(safelab({"labs", sub, "--help"}).exit_code, 2) << sub;
    const auto r = maint({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_TRUE(contains(r.out, std::string("usage: safelab-maint ") + sub)) << r.out;
  }
}

// Tests that list shows every lab in learning order, all pending at first,
// and names the first one as next.
TEST(LabsCliTest, ListStartsWithEverythingPending) {
  LabsCopy copy;
  const auto r = safelab({"labs", "list", "--labs-dir", copy.labs().string(), "--work",
                          copy.work().string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"next\": \"01-data-race\"")) << r.out;
  EXPECT_FALSE(contains(r.out, "\"status\": \"done\"")) << r.out;
  EXPECT_LT(r.out.find("01-data-race"), r.out.find("02-gil-release"));
  EXPECT_LT(r.out.find("09-leaked-cycle"), r.out.find("10-strands"));
}

// Tests that hints come one at a time, gentle first and the answer last,
// and stay at the answer once every hint was shown.
TEST(LabsCliTest, HintsAreGraded) {
  LabsCopy copy;
  const std::vector<std::string> args{
      "labs", "hint", "03", "--labs-dir", copy.labs().string(), "--work", copy.work().string()};
  auto r = safelab(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Hint 1 of 4")) << r.out;
  EXPECT_FALSE(contains(r.out, "## Answer")) << r.out;
  r = safelab(args);
  EXPECT_TRUE(contains(r.out, "Hint 2 of 4")) << r.out;
  safelab(args);
  r = safelab(args);
  EXPECT_TRUE(contains(r.out, "Hint 4 of 4")) << r.out;
  EXPECT_TRUE(contains(r.out, "## Answer")) << r.out;
  r = safelab(args);
  EXPECT_TRUE(contains(r.out, "Hint 4 of 4")) << "stays at the answer: " << r.out;
}

// Tests that list shows each lab's progress in the same words in its table
// and its JSON: done, failing (with the reason), edited, unchecked.
TEST(LabsCliTest, ListAgreesBetweenTableAndJson) {
  LabsCopy copy;
  const auto set = cli::labs::LabSet::load(copy.labs());
  const auto& labs = set.labs();
  ASSERT_GE(labs.size(), 4u);
  fs::create_directories(copy.work());
  std::ofstream(copy.work() / "state.txt")
      << "check " << labs[0].id << " pass " << cli::labs::folder_hash(set, labs[0]) << " \n"
      << "check " << labs[1].id << " fail " << cli::labs::folder_hash(set, labs[1])
      << " [tsan] a data race\n"
      << "check " << labs[2].id << " pass 0123abcd \n";
  const std::vector<std::string> where{"--labs-dir", copy.labs().string(), "--work",
                                       copy.work().string()};
  auto args = where;
  args.insert(args.begin(), {"labs", "list", "--format", "json"});
  const auto json = safelab(args);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  args = where;
  args.insert(args.begin(), {"labs", "list"});
  const auto table = safelab(args);
  ASSERT_EQ(table.exit_code, 0) << table.err;

  const auto doc = nlohmann::ordered_json::parse(json.out);
  const std::vector<std::string> want{"done", "failing", "edited", "unchecked"};
  std::istringstream lines(table.out);
  std::map<std::string, std::string> row_of;  // dir -> its table line
  for (std::string line; std::getline(lines, line);) row_of[line.substr(0, line.find(' '))] = line;
  for (std::size_t i = 0; i < doc["labs"].size(); ++i) {
    const auto& lab = doc["labs"][i];
    const std::string progress = lab["progress"];
    EXPECT_EQ(progress, want[std::min<std::size_t>(i, 3)]) << lab.dump();
    EXPECT_EQ(lab["status"], progress == "done" ? "done" : "pending") << lab.dump();
    const std::string& row = row_of[lab["dir"].get<std::string>()];
    std::string shown = progress;
    if (!lab["reason"].get<std::string>().empty()) shown += ": " + lab["reason"].get<std::string>();
    EXPECT_TRUE(contains(row, "  " + shown) || contains(row, "-> " + shown))
        << "table row '" << row << "' does not say '" << shown << "'";
  }
  EXPECT_EQ(doc["next"], labs[1].dir);
  EXPECT_TRUE(contains(row_of[labs[1].dir], "-> failing: [tsan] a data race")) << table.out;
}

// Tests that reset asks first (no answer: nothing changes), then restores
// the shipped exercise *and* tests with --yes, starts the hints again, and
// has nothing left to do the second time.
TEST(LabsCliTest, ResetAsksThenRestores) {
  LabsCopy copy;
  const fs::path exercise = copy.labs() / "01-data-race" / "count_errors.cpp";
  const fs::path test = copy.labs() / "01-data-race" / "count_errors_test.cpp";
  std::ofstream(exercise, std::ios::app) << "// my edit\n";
  std::ofstream(test, std::ios::app) << "// my edit to the test\n";
  const std::vector<std::string> where{"--labs-dir", copy.labs().string(), "--work",
                                       copy.work().string()};
  auto with = [&](std::vector<std::string> words) {
    words.insert(words.end(), where.begin(), where.end());
    return safelab(words);
  };
  with({"labs", "hint", "01"});
  EXPECT_TRUE(contains(with({"labs", "hint", "01"}).out, "Hint 2 of")) << "the stage advances";

  auto r = with({"labs", "reset", "01"});  // stdin is closed: the question gets no "y"
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "Your edits to it will be lost")) << r.out;
  EXPECT_TRUE(contains(slurp(exercise), "// my edit"));

  r = with({"labs", "reset", "01", "--yes"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto shipped_exercise = cli::labs::shipped_content("01-data-race/count_errors.cpp");
  const auto shipped_test = cli::labs::shipped_content("01-data-race/count_errors_test.cpp");
  ASSERT_TRUE(shipped_exercise && shipped_test);
  EXPECT_EQ(slurp(exercise), *shipped_exercise);
  EXPECT_EQ(slurp(test), *shipped_test);
  EXPECT_FALSE(contains(slurp(exercise), "// my edit"));
  EXPECT_TRUE(contains(with({"labs", "hint", "01"}).out, "Hint 1 of")) << "hints start again";

  // The files are as shipped, but a hint was shown: reset clears the stage.
  r = with({"labs", "reset", "01"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = with({"labs", "reset", "01"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "is as shipped: nothing to reset")) << r.out;
}

// Tests that "done" covers the lab's whole folder: a pass recorded for the
// folder as it is counts, and stops counting once a test file (not only the
// exercise) changes, e.g. the tests restored after they were disabled.
TEST(LabsCliTest, DoneHashesTheWholeFolder) {
  LabsCopy copy;
  const auto set = cli::labs::LabSet::load(copy.labs());
  const auto* lab = set.find("07");
  ASSERT_NE(lab, nullptr);
  const std::string before = cli::labs::folder_hash(set, *lab);
  cli::labs::RunnerState state(copy.work() / "state.txt");
  state.record_check(lab->id, {true, before, ""});
  EXPECT_EQ(cli::labs::progress_of(set, *lab, state), cli::labs::Progress::done);
  std::ofstream(copy.labs() / lab->dir / lab->tests.front(), std::ios::app) << "// edited\n";
  EXPECT_NE(cli::labs::folder_hash(set, *lab), before);
  EXPECT_EQ(cli::labs::progress_of(set, *lab, state), cli::labs::Progress::edited);
  std::ofstream(copy.labs() / lab->dir / "invoice_total.h", std::ios::app) << "// edited\n";
  state.record_check(lab->id, {true, cli::labs::folder_hash(set, *lab), ""});
  fs::remove(copy.labs() / lab->dir / "invoice_total.h");
  EXPECT_EQ(cli::labs::progress_of(set, *lab, state), cli::labs::Progress::edited)
      << "a file removed changes the folder too";
}

// Tests that check refuses a lab whose tests were edited (renamed DISABLED_,
// the wrong fix that made lab 07 "done"), before building anything, and
// says that only the exercise is the learner's to edit.
TEST(LabsCliTest, CheckRefusesEditedTests) {
  LabsCopy copy;
  const fs::path test = copy.labs() / "07-checked-arithmetic" / "invoice_total_test.cpp";
  std::string text = slurp(test);
  const std::string from = "TEST(InvoiceTotalTest, SumOverflowIsNone)";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "TEST(InvoiceTotalTest, DISABLED_SumOverflowIsNone)");
  std::ofstream(test, std::ios::trunc) << text;
  const auto r = safelab(
      {"labs", "check", "07", "--labs-dir", copy.labs().string(), "--work", copy.work().string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "lab 07 is checked by its tests as shipped")) << r.out;
  EXPECT_TRUE(contains(r.out, "invoice_total_test.cpp")) << r.out;
  EXPECT_TRUE(contains(r.out, "`safelab labs reset 07` restores them")) << r.out;
  EXPECT_FALSE(contains(r.out, "installed safelab")) << "nothing is built: " << r.out;
}

// Tests that reset restores every file of the lab's folder (the header too,
// not only the exercise and tests listed in labs.json).
TEST(LabsCliTest, ResetRestoresTheWholeFolder) {
  LabsCopy copy;
  const fs::path header = copy.labs() / "07-checked-arithmetic" / "invoice_total.h";
  const std::string shipped = slurp(header);
  std::ofstream(header, std::ios::trunc) << "// gone\n";
  const auto r = safelab({"labs", "reset", "07", "--yes", "--labs-dir", copy.labs().string(),
                          "--work", copy.work().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(header), shipped);
}

// Tests that every lab file a learner may edit has a shipped copy built in,
// which is the file of a fresh checkout: the shipped exercise is the one the
// lab gate proves fails as intended.
TEST(LabsCliTest, EveryLabFileIsShipped) {
  const auto set = cli::labs::LabSet::load(SAFELAB_LABS_SOURCE);
  for (const auto& lab : set.labs()) {
    for (const std::string& file : set.shipped_files(lab)) {
      const auto shipped = cli::labs::shipped_content(file);
      ASSERT_TRUE(shipped.has_value()) << file;
      EXPECT_FALSE(shipped->empty()) << file;
    }
  }
}

// Tests that every lab's README shows `safelab labs watch` with no lab
// named: the form that moves on to the next lab once this one is done.
TEST(LabsCliTest, EveryReadmeShowsWatchThatMovesOn) {
  const auto json = nlohmann::json::parse(slurp(fs::path(SAFELAB_LABS_SOURCE) / "labs.json"));
  const std::regex watch(R"((^|\n)\s*safelab labs watch\s*(#[^\n]*)?\n)");
  for (const auto& lab : json["labs"]) {
    const std::string dir = lab["dir"].get<std::string>();
    const std::string readme = slurp(fs::path(SAFELAB_LABS_SOURCE) / dir / "README.md");
    EXPECT_TRUE(std::regex_search(readme, watch)) << dir << "/README.md";
  }
}

// Tests watch end to end: it checks lab 07 (failing: the exercise overflows),
// a scripted edit replaces the exercise with the solution while it waits,
// and the re-check it triggers passes. Bounded: --timeout and the process
// limit. Builds the lab out of tree against an install of this build.
TEST(LabsCliTest, WatchRechecksAfterAScriptedEdit) {
  if (std::string(SAFELAB_THIS_FLAVOUR) != "default") {
    GTEST_SKIP() << "runs in the plain build (it installs and builds a lab out of tree)";
  }
  LabsCopy copy;
  const fs::path exercise = copy.labs() / "07-checked-arithmetic" / "invoice_total.cpp";
  const fs::path solution =
      copy.labs() / "solutions" / "07-checked-arithmetic" / "invoice_total.cpp";
  const fs::path state = copy.work() / "state.txt";
  std::atomic<bool> edited{false};
  std::jthread editor([&](const std::stop_token& stop) {
    // The first check records its result in the state file; then edit.
    while (!stop.stop_requested() && !fs::exists(state)) std::this_thread::sleep_for(100ms);
    if (stop.stop_requested()) return;
    std::this_thread::sleep_for(500ms);
    fs::copy_file(solution, exercise, fs::copy_options::overwrite_existing);
    edited = true;
  });
  const auto r = safelab({"labs", "watch", "07", "--labs-dir", copy.labs().string(), "--work",
                          copy.work().string(), "--build", "default", "--safelab-build",
                          SAFELAB_THIS_BUILD, "--max-checks", "2", "--timeout", "400"},
                         480s);
  editor.request_stop();
  editor.join();
  ASSERT_TRUE(edited.load()) << "the first check never finished:\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "is not done yet")) << "first check fails: " << r.out;
  EXPECT_TRUE(contains(r.out, "changed: invoice_total.cpp")) << r.out;
  EXPECT_TRUE(contains(r.out, "lab 07-checked-arithmetic is done")) << r.out;
}

// Tests that setup installs and configures a build once (a second run does
// neither, even when the safelab build's .ninja_log is newer than the install,
// as it is after any build in that tree, e.g. a compile-fail test running
// beside this one), and names a missing safelab build with exit 2.
TEST(LabsCliTest, SetupPreparesEachBuildOnce) {
  if (std::string(SAFELAB_THIS_FLAVOUR) != "default") {
    GTEST_SKIP() << "runs in the plain build (it installs safelab out of tree)";
  }
  LabsCopy copy;
  const std::vector<std::string> args = {
      "labs",      "setup",   "--labs-dir", copy.labs(),       "--work",
      copy.work(), "--build", "default",    "--safelab-build", SAFELAB_THIS_BUILD};
  auto r = safelab(args, 300s);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "installed safelab (default)")) << r.out;
  EXPECT_TRUE(contains(r.out, "configuring the labs (default)")) << r.out;
  EXPECT_TRUE(contains(r.out, "default: ready")) << r.out;
  EXPECT_TRUE(fs::exists(copy.work() / "default" / "build" / "CMakeCache.txt"));
  // The install's stamp, made older than any build log: nothing installed
  // has changed, so nothing is installed again.
  const fs::path stamp = copy.work() / "default" / "prefix" / ".installed";
  ASSERT_TRUE(fs::exists(stamp));
  fs::last_write_time(stamp, fs::file_time_type::clock::now() - 24h);
  r = safelab(args, 300s);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_FALSE(contains(r.out, "configuring")) << "configured twice: " << r.out;
  EXPECT_FALSE(contains(r.out, "install")) << "installed twice: " << r.out;

  r = safelab({"labs", "setup", "--labs-dir", copy.labs(), "--work", copy.work(), "--build", "asan",
               "--safelab-build", (copy.work() / "no-such-build").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "there is no asan build of safelab")) << r.err;
}

}  // namespace
}  // namespace safelab
