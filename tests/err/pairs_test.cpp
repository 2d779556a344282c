// Tests of the errors family's worked examples (src/pairs/errors/): every
// safe variant of a topic gives the correct answer, the two config parsers
// agree line for line, and the rust-style port parser's Result is enforced.
// Unsafe variants are never called here: they run only in safelab-example
// (see the verdict tests, and IgnoredErrorWrongResult in CMakeLists.txt).
#include <gtest/gtest.h>

#include <string>

#include "errors/ignored_error.h"
#include "errors/lookup.h"
#include "errors/parse_config.h"
#include "errors/sum_prices.h"

namespace safelab::pairs {
namespace {

// Runs every safe variant of Topic on one input and checks each against
// the topic's reference answer.
template <class Topic, auto... Variants>
void expect_all_correct(const catalog::Params& params) {
  const typename Topic::Input input = Topic::make_input(params);
  const std::string expected = Topic::show(Topic::reference(input));
  for (const std::string& got : {Topic::show(Variants(input))...}) {
    EXPECT_EQ(got, expected) << "seed " << params.seed;
  }
}

// Tests that the safe parse_config variants agree with the generator's answer.
TEST(ErrorsPairsTest, ParseConfigSafeVariantsAgree) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    expect_all_correct<ParseConfig, parse_config_python, parse_config_rust>({1, 500, seed});
  }
}

// Tests that the safe sum_prices variants agree, with and without overflow.
TEST(ErrorsPairsTest, SumPricesSafeVariantsAgree) {
  expect_all_correct<SumPrices, sum_prices_python, sum_prices_rust>({1, 1000, 3});
  SumPricesInput fits = SumPrices::make_input({1, 1000, 3});
  fits.orders.pop_back();  // without the untrusted order the total fits
  const PriceTotal expected = SumPrices::reference(fits);
  ASSERT_FALSE(expected.overflow);
  EXPECT_EQ(sum_prices_python(fits), expected);
  EXPECT_EQ(sum_prices_rust(fits), expected);
  // Exactly at the edge: max() fits, max() + 1 does not.
  const SumPricesInput edge{{{1, std::numeric_limits<std::int64_t>::max()}}};
  EXPECT_EQ(sum_prices_rust(edge), (PriceTotal{false, std::numeric_limits<std::int64_t>::max()}));
  EXPECT_EQ(sum_prices_python(edge), sum_prices_rust(edge));
  const SumPricesInput over{{{1, std::numeric_limits<std::int64_t>::max()}, {1, 1}}};
  EXPECT_TRUE(sum_prices_rust(over).overflow);
  EXPECT_TRUE(sum_prices_python(over).overflow);
}

// Tests that the safe lookup variants agree and count the misses.
TEST(ErrorsPairsTest, LookupSafeVariantsAgree) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    expect_all_correct<Lookup, lookup_python, lookup_rust>({1, 2000, seed});
  }
  const LookupInput in = Lookup::make_input({1, 2000, 1});
  EXPECT_GT(lookup_rust(in).missing, 0);
}

// Tests that the safe ignored_error variants agree.
TEST(ErrorsPairsTest, IgnoredErrorSafeVariantsAgree) {
  expect_all_correct<IgnoredError, ignored_error_python, ignored_error_rust>({1, 1000, 2});
}

// Tests both config parsers on each kind of error, with line and column.
TEST(ConfigParserTest, ReportsEachErrorWithPosition) {
  using Kind = ConfigError::Kind;
  struct Case {
    std::string text;
    ConfigError rust;
    std::uint32_t python_column;  // python reports the start of a bad value
  };
  const Case cases[] = {
      {"a = 1\nport 80", {Kind::kMissingEquals, 2, 8}, 8},
      {"9lives = 3", {Kind::kBadKey, 1, 1}, 1},
      {"  a-b = 3", {Kind::kBadKey, 1, 4}, 4},
      {" = 3", {Kind::kBadKey, 1, 2}, 2},
      {std::string(32, 'k') + "=1", {Kind::kKeyTooLong, 1, 32}, 32},
      {"a = 12x", {Kind::kBadValue, 1, 7}, 5},
      {"a = 99999999999", {Kind::kBadValue, 1, 5}, 5},
      {"a =", {Kind::kBadValue, 1, 4}, 4},
      {"a = 1\n\n# c\na = 2", {Kind::kDuplicateKey, 4, 1}, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto r = parse_document_rust(c.text);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error(), c.rust) << r.error().message();
    try {
      (void)parse_document_python(c.text);
      ADD_FAILURE() << "python parser accepted it";
    } catch (const ConfigSyntaxError& e) {
      ConfigError expected = c.rust;
      expected.column = c.python_column;
      EXPECT_EQ(e.error(), expected) << e.what();
    }
  }
}

// Tests that both parsers accept the same valid document, including a key of
// 20 characters (the one that overflows the unsafe variant's buffer).
TEST(ConfigParserTest, AcceptsValidDocument) {
  const std::string doc =
      "# comment\n\nport = 8080\n\tconnection_timeout_ms=-5  \r\nlog.level=+3\n"
      "k" +
      std::string(kMaxKeyLength - 1, 'x') + " = 0";
  const Config expected{{{"port", 8080},
                         {"connection_timeout_ms", -5},
                         {"log.level", 3},
                         {"k" + std::string(kMaxKeyLength - 1, 'x'), 0}}};
  EXPECT_EQ(parse_document_rust(doc).value(), expected);
  EXPECT_EQ(parse_document_python(doc), expected);
  EXPECT_EQ(parse_document_rust("").value(), Config{});
}

// Tests the three port parsers on valid and invalid text.
TEST(PortParserTest, AllThreeAgreeOnValidity) {
  for (const char* text : {"80", "65535", "1024", "0", "65536", "http", "", "-1", "8080 "}) {
    int c_port = -7;
    const bool c_ok = parse_port_c(text, &c_port) == 0;
    const auto rust = parse_port_rust(text);
    bool python_ok = true;
    try {
      (void)parse_port_python(text);
    } catch (const std::invalid_argument&) {
      python_ok = false;
    }
    EXPECT_EQ(c_ok, rust.has_value()) << text;
    EXPECT_EQ(python_ok, rust.has_value()) << text;
    if (c_ok) {
      EXPECT_EQ(c_port, *rust);
    } else {
      EXPECT_EQ(c_port, -7) << "the C parser must not write on failure";
    }
  }
}

using IgnoredErrorDeathTest = ::testing::Test;

// Tests that discarding parse_port_rust's Result with (void) — the one way
// past [[nodiscard]] — aborts in checked mode, naming the parser's line.
TEST_F(IgnoredErrorDeathTest, VoidCastAbortsInCheckedMode) {
  if (!SAFELAB_CHECKED) GTEST_SKIP() << "built with SAFELAB_CHECKED=0";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      (void)parse_port_rust("http"),
      "without being checked\n  created at .*ignored_error.cpp:[0-9]+ in .*parse_port_rust");
}

}  // namespace
}  // namespace safelab::pairs
