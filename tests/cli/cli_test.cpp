// Tests the `safelab` command line as a user meets it: every subcommand
// answers --help, bad input gets a message naming the problem and exit 2.
#include <gtest/gtest.h>

#include "verdict/process.h"

namespace safelab {
namespace {

using namespace std::chrono_literals;

verdict::ProcessResult safelab(std::vector<std::string> args,
                               const std::vector<std::string>& env = {}) {
  args.insert(args.begin(), SAFELAB_CLI_PATH);
  return verdict::run_process(args, env, 120s);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Tests that no command, or an unknown one, is refused with the valid list.
TEST(CliTest, UnknownCommand) {
  const auto none = safelab({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(contains(none.err, "usage: safelab")) << "lists the commands: " << none.err;
  const auto r = safelab({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "unknown command 'frobnicate'")) << r.err;
  EXPECT_TRUE(contains(r.err, "tour")) << r.err;
}

// Tests that every subcommand answers --help with its usage line.
TEST(CliTest, EverySubcommandHasHelp) {
  for (const char* cmd : {"tour", "run", "verdict", "list", "labs", "check", "matrix", "gil"}) {
    const auto r = safelab({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_TRUE(contains(r.out, std::string("usage: safelab ") + cmd)) << r.out;
  }
  EXPECT_EQ(safelab({"--help"}).exit_code, 0);
  EXPECT_TRUE(contains(safelab({"--version"}).out, "safelab 0."));
}

// Tests that unknown flags and bad values are named, with exit 2.
TEST(CliTest, BadFlagsAndValues) {
  auto r = safelab({"list", "--colour"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "safelab list: unknown option '--colour'")) << r.err;
  EXPECT_TRUE(contains(r.err, "valid options: --help, --format or --family")) << r.err;
  r = safelab({"tour", "--format", "xml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--format: must be table, json or md, not 'xml'")) << r.err;
  r = safelab({"tour", "--topic", "no_such_topic"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "count_events")) << "lists the valid topics: " << r.err;
  r = safelab({"run"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "entry is required")) << r.err;
  r = safelab({"run", "count_events/rust", "--threads", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--threads: must be between 1 and")) << r.err;
}

// Tests that `run` refuses unknown and unsafe entries, and runs a safe one.
TEST(CliTest, RunOneVariant) {
  auto r = safelab({"run", "count_events/nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "unknown entry 'count_events/nope'")) << r.err;
  EXPECT_TRUE(contains(r.err, "count_events/rust")) << r.err;
  r = safelab({"run", "count_events/unsafe"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "safelab verdict count_events/unsafe")) << r.err;
  r = safelab({"run", "count_events/rust", "--size", "1000", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"correct\": true")) << r.out;
}

// Tests the catalog listing in each format.
TEST(CliTest, ListFormats) {
  auto r = safelab({"list", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(contains(r.out, "\"id\": \"count_events/unsafe\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"kind\": \"data race\"")) << r.out;
  r = safelab({"list", "--format", "md"});
  EXPECT_TRUE(contains(r.out, "| count_events/rust | concurrency | rust | clean |")) << r.out;
}

// Tests a quick tour: JSON out, progress on stderr.
TEST(CliTest, QuickTour) {
  const auto r = safelab({"tour", "--topic", "count_events", "--quick", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"topic\": \"count_events\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"correct\": true")) << r.out;
  EXPECT_TRUE(contains(r.err, "tour [1/")) << r.err;
}

// Tests that the verdict runner says which build is missing, with exit 2.
TEST(CliTest, VerdictNeedsItsBuild) {
  auto r = safelab({"verdict", "count_events/unsafe", "--build-root", "/nonexistent"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "no tsan build")) << r.err;
  r = safelab({"verdict", "count_events/unsafe", "--all"});
  EXPECT_EQ(r.exit_code, 2);
  r = safelab({"verdict", "count_events/unsafe", "--sanitizer", "asan"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "is judged under tsan, not asan")) << r.err;
}

}  // namespace
}  // namespace safelab
