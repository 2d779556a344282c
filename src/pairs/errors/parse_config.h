// src/pairs/errors/parse_config.h
//
// Topic `parse_config`: parse many small configuration documents of
// `key = integer` lines, accept the valid ones, reject the others, and
// report what was accepted. The same grammar three ways: exceptions
// (python), Result + SAFELAB_TRY (rust), and C with atoi and a fixed buffer
// (unsafe).
//
// The grammar, shared by the python and rust parsers:
//
//   document := line ('\n' line)*
//   line     := blank | '#' comment | key '=' value     (spaces/tabs around
//                                                       tokens are ignored)
//   key      := [A-Za-z_][A-Za-z0-9_.]*, at most kMaxKeyLength characters
//   value    := a decimal int32 (parse<int32_t>: optional sign, no spaces)
//
// A key may appear once per document. The first error ends the document.
#ifndef SAFELAB_PAIRS_ERRORS_PARSE_CONFIG_H_
#define SAFELAB_PAIRS_ERRORS_PARSE_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "../catalog.h"
#include "safelab/err/result.h"

namespace safelab::pairs {

inline constexpr std::size_t kMaxKeyLength = 31;

struct Setting {
  std::string key;
  std::int32_t value = 0;
  friend bool operator==(const Setting&, const Setting&) = default;
};

struct Config {
  std::vector<Setting> settings;  // in document order
  friend bool operator==(const Config&, const Config&) = default;
};

// ConfigError: what is wrong and where (1-based line and column).
struct ConfigError {
  enum class Kind : std::uint8_t {
    kMissingEquals,
    kBadKey,
    kKeyTooLong,
    kBadValue,
    kDuplicateKey,
  };
  Kind kind = Kind::kBadKey;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  std::string message() const;  // "line 3, column 7: bad value"
  std::string to_string() const { return message(); }
  friend bool operator==(const ConfigError&, const ConfigError&) = default;
};

// The exception the python-style parser throws: a ValueError with a line.
class ConfigSyntaxError : public std::runtime_error {
 public:
  explicit ConfigSyntaxError(const ConfigError& error)
      : std::runtime_error(error.message()), error_(error) {}
  const ConfigError& error() const noexcept { return error_; }

 private:
  ConfigError error_;
};

// The two document parsers (also the fuzz targets' subjects).
//
// parse_document_rust: never throws except std::bad_alloc; every input gets
// a Config or a ConfigError.
// parse_document_python: returns the Config or throws ConfigSyntaxError.
[[nodiscard]] err::Result<Config, ConfigError> parse_document_rust(std::string_view text);
[[nodiscard]] Config parse_document_python(std::string_view text);

// The topic's input: documents, and the answer the generator built them to
// have (so that `reference` does not depend on any parser).
struct ConfigSummary {
  std::int64_t accepted = 0;
  std::int64_t rejected = 0;
  std::int64_t checksum = 0;        // sum of all values of accepted documents
  std::int64_t error_line_sum = 0;  // sum of the error lines of rejected ones
  friend bool operator==(const ConfigSummary&, const ConfigSummary&) = default;
};

struct ParseConfigInput {
  std::vector<std::string> documents;
  ConfigSummary expected;
};

struct ParseConfig {
  static constexpr std::string_view name = "parse_config";
  static constexpr std::string_view summary =
      "parse key=value documents: exceptions, Result + TRY, or atoi and a fixed buffer";
  static constexpr std::string_view lab = "labs/06-result-try";
  static constexpr catalog::Family family = catalog::Family::errors;
  static constexpr catalog::Params defaults{.threads = 1, .size = 2'000, .seed = 1};

  using Input = ParseConfigInput;
  using Output = ConfigSummary;

  // `size` documents, about one in ten invalid in one of five ways; every
  // 25th document has a key of 20 characters (valid: see kMaxKeyLength).
  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in) { return in.expected; }
  static std::string show(const Output& s);
};

ConfigSummary parse_config_python(const ParseConfigInput& in);
ConfigSummary parse_config_rust(const ParseConfigInput& in);
ConfigSummary parse_config_unsafe(const ParseConfigInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_ERRORS_PARSE_CONFIG_H_
