// Tests for the CLI argument parser: every mistake is named in the message.
#include "args.h"

#include <gtest/gtest.h>

namespace safelab::cli {
namespace {

struct Parsed {
  std::string id;
  std::string format = "table";
  std::int64_t threads = 0;
  bool all = false;
};

std::optional<UsageError> parse(Parsed& p, std::vector<std::string> args) {
  ArgParser parser("safelab test", "test");
  parser.positional("ID", "an id", &p.id, false)
      .choice("format", "format", &p.format, {"table", "json"})
      .integer("threads", "threads", &p.threads, 1, 64)
      .flag("all", "all", &p.all);
  return parser.parse(args);
}

// Tests that valid arguments in both option spellings are accepted.
TEST(ArgsTest, AcceptsValidArguments) {
  Parsed p;
  EXPECT_FALSE(parse(p, {"a/b", "--format", "json", "--threads=4", "--all"}));
  EXPECT_EQ(p.id, "a/b");
  EXPECT_EQ(p.format, "json");
  EXPECT_EQ(p.threads, 4);
  EXPECT_TRUE(p.all);
}

// Tests the message for each kind of mistake.
TEST(ArgsTest, NamesEachMistake) {
  Parsed p;
  EXPECT_EQ(parse(p, {"--bogus"})->message,
            "safelab test: unknown option '--bogus'; valid options: --format, --threads, --all "
            "or --help");
  EXPECT_EQ(parse(p, {"--format", "xml"})->message,
            "safelab test: --format must be table or json, not 'xml'");
  EXPECT_EQ(parse(p, {"--threads", "0"})->message,
            "safelab test: --threads must be between 1 and 64, not 0");
  EXPECT_EQ(parse(p, {"--threads", "2x"})->message,
            "safelab test: --threads takes a whole number, not '2x'");
  EXPECT_EQ(parse(p, {"--threads"})->message, "safelab test: --threads needs a value (N)");
  EXPECT_EQ(parse(p, {"--all=1"})->message, "safelab test: --all takes no value");
  EXPECT_EQ(parse(p, {"a", "b"})->message, "safelab test: unexpected argument 'b'");
  EXPECT_EQ(parse(p, {"-x"})->message, "safelab test: unknown option '-x'; options start with --");
}

// Tests that a required positional is demanded by name.
TEST(ArgsTest, RequiredPositional) {
  std::string id;
  ArgParser parser("safelab run", "run");
  parser.positional("TOPIC/VARIANT", "entry", &id, true);
  EXPECT_EQ(parser.parse(std::vector<std::string>{})->message,
            "safelab run: missing TOPIC/VARIANT");
}

// Tests that --help stops parsing and is reported, and the help text lists options.
TEST(ArgsTest, Help) {
  Parsed p;
  ArgParser parser("safelab x", "Does x.");
  parser.integer("threads", "how many threads", &p.threads, 1, 8);
  EXPECT_FALSE(parser.parse(std::vector<std::string>{"--help", "--bogus"}));
  EXPECT_TRUE(parser.help_requested());
  EXPECT_NE(parser.help().find("--threads N"), std::string::npos);
  EXPECT_NE(parser.help().find("Does x."), std::string::npos);
}

}  // namespace
}  // namespace safelab::cli
