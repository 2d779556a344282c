// Tests the `safelab labs` runner as a learner meets it: bad names get the
// list of valid labs and exit 2, hints come one at a time, reset asks before
// it overwrites, and watch re-checks a lab when a file of it changes.
// Every test works on a scratch copy of labs/, never on the tree itself.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "verdict/process.h"

namespace safelab {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

verdict::ProcessResult safelab(std::vector<std::string> args, std::chrono::seconds timeout = 120s) {
  args.insert(args.begin(), SAFELAB_CLI_PATH);
  return verdict::run_process(args, {}, timeout);
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
  EXPECT_TRUE(contains(r.err, "valid subcommands")) << r.err;
}

// Tests that every subcommand answers --help.
TEST(LabsCliTest, EverySubcommandHasHelp) {
  for (const char* sub : {"list", "check", "hint", "watch", "reset", "judge", "capture"}) {
    const auto r = safelab({"labs", sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_TRUE(contains(r.out, std::string("usage: safelab labs ") + sub)) << r.out;
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

// Tests that reset asks first (no answer: nothing changes), and restores the
// pristine exercise with --yes.
TEST(LabsCliTest, ResetAsksThenRestores) {
  LabsCopy copy;
  const fs::path exercise = copy.labs() / "01-data-race" / "count_errors.cpp";
  const std::string pristine = slurp(exercise);
  std::ofstream(exercise, std::ios::app) << "// my edit\n";
  const std::vector<std::string> args{
      "labs", "reset", "01", "--labs-dir", copy.labs().string(), "--work", copy.work().string()};
  auto r = safelab(args);  // stdin is closed: the question gets no "y"
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "Your edits to it will be lost")) << r.out;
  EXPECT_NE(slurp(exercise), pristine);
  auto with_yes = args;
  with_yes.push_back("--yes");
  r = safelab(with_yes);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(exercise), pristine);
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

}  // namespace
}  // namespace safelab
