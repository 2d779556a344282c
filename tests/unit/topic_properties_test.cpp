// Properties of single topics that the generic test (catalog_test.cpp: every
// safe variant against its topic's reference) does not check: edge cases at
// a type's limits, error positions, known small answers, and the checked-mode
// abort. The agreement of variants is not restated here. Unsafe variants are
// never called: they run only in safelab-example.
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>

#include "errors/ignored_error.h"
#include "errors/lookup.h"
#include "errors/parse_config.h"
#include "errors/sum_prices.h"
#include "memory/object_graph.h"
#include "memory/token_view.h"
#include "memory/vector_iterate.h"

namespace safelab::pairs {
namespace {

// Tests sum_prices at the edge of int64: max() fits, max() + 1 does not, and
// without the untrusted order the generated total fits.
TEST(SumPricesTest, OverflowAtTheEdge) {
  SumPricesInput fits = SumPrices::make_input({1, 1000, 3});
  fits.orders.pop_back();  // without the untrusted order the total fits
  const PriceTotal expected = SumPrices::reference(fits);
  ASSERT_FALSE(expected.overflow);
  EXPECT_EQ(sum_prices_python(fits), expected);
  EXPECT_EQ(sum_prices_rust(fits), expected);
  const SumPricesInput edge{{{1, std::numeric_limits<std::int64_t>::max()}}};
  EXPECT_EQ(sum_prices_rust(edge), (PriceTotal{false, std::numeric_limits<std::int64_t>::max()}));
  EXPECT_EQ(sum_prices_python(edge), sum_prices_rust(edge));
  const SumPricesInput over{{{1, std::numeric_limits<std::int64_t>::max()}, {1, 1}}};
  EXPECT_TRUE(sum_prices_rust(over).overflow);
  EXPECT_TRUE(sum_prices_python(over).overflow);
}

// Tests that the generated lookups do miss: the Option path is exercised.
TEST(LookupTest, SomeKeysAreMissing) {
  const LookupInput in = Lookup::make_input({1, 2000, 1});
  EXPECT_GT(lookup_rust(in).missing, 0);
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

// Tests that the checksum actually depends on the back links: a chain has
// a known value.
TEST(ObjectGraphTest, ChecksumOfAChain) {
  ObjectGraphInput chain{{0, 0, 1, 2}, {5, 1, 1, 1}};  // depths 0,1,2,3
  EXPECT_EQ(object_graph_python(chain).checksum, 6u);
  EXPECT_EQ(object_graph_rust(chain).checksum, 6u);
  EXPECT_EQ(object_graph_rust_box(chain).checksum, 6u);
  EXPECT_EQ(object_graph_rust_rc(chain).checksum, 6u);
  EXPECT_EQ(ObjectGraph::reference(chain).checksum, 6u);
}

// Tests the token splitter on edge spacing and the normaliser.
TEST(TokenViewTest, SplitsOnEdgeSpacing) {
  EXPECT_EQ(split_views("  a  bc ").size(), 2u);
  EXPECT_EQ(split_copies("Hello world")[1], "world");
  EXPECT_EQ(normalise("HeLLo"), "hello");
}

// Tests vector_iterate on a known input: 9 and 3 spawn an item each.
TEST(VectorIterateTest, AppendsOneItemPerSpawningItem) {
  const VectorIterateInput in{{9, 4, 3}};
  EXPECT_EQ(VectorIterate::show(vector_iterate_rust(in)), "size=5 sum=20");
}

}  // namespace
}  // namespace safelab::pairs
