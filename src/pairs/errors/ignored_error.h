// src/pairs/errors/ignored_error.h
//
// Topic `ignored_error`: read a list of TCP port numbers from untrusted text,
// count how many are valid and how many of those are privileged (< 1024).
// The point is one function that can fail, and what happens to a caller who
// ignores that it failed.
#ifndef SAFELAB_PAIRS_ERRORS_IGNORED_ERROR_H_
#define SAFELAB_PAIRS_ERRORS_IGNORED_ERROR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../catalog.h"
#include "safelab/err/error.h"
#include "safelab/err/result.h"

namespace safelab::pairs {

// The three ways to say "this parse can fail":
//
// parse_port_c: C. Returns 0 and writes *port on success; returns -1 and
// leaves *port untouched on failure. Nothing makes the caller look.
int parse_port_c(const char* text, int* port);

// parse_port_python: returns the port or throws std::invalid_argument
// (Python's ValueError). Ignoring it is impossible: it propagates.
std::uint16_t parse_port_python(std::string_view text);

// parse_port_rust: a [[nodiscard]] Result. Ignoring the returned value is a
// compile error under -Werror (tests/compile_fail/ignored_error.cpp); casting
// it to void compiles, and then checked mode aborts when the unchecked error
// is destroyed.
[[nodiscard]] err::Result<std::uint16_t, err::Error> parse_port_rust(std::string_view text);

struct IgnoredErrorInput {
  std::vector<std::string> ports;  // text, as read from outside
  std::int64_t expected_valid = 0;
  std::int64_t expected_privileged = 0;
};

struct PortCount {
  std::int64_t valid = 0;
  std::int64_t privileged = 0;
  friend bool operator==(const PortCount&, const PortCount&) = default;
};

struct IgnoredError {
  static constexpr std::string_view name = "ignored_error";
  static constexpr std::string_view summary =
      "a parse that can fail, and a caller who ignores it: nodiscard Result, exception, C";
  static constexpr std::string_view lab = "labs/15-checked-mode";
  static constexpr catalog::Family family = catalog::Family::errors;
  static constexpr catalog::Params defaults{.threads = 1, .size = 1'000, .seed = 1};

  using Input = IgnoredErrorInput;
  using Output = PortCount;

  // `size` port texts, about one in eight invalid ("http", "70000", "", "-1").
  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in) { return {in.expected_valid, in.expected_privileged}; }
  static std::string show(const Output& c);
};

PortCount ignored_error_python(const IgnoredErrorInput& in);
PortCount ignored_error_rust(const IgnoredErrorInput& in);
PortCount ignored_error_unsafe(const IgnoredErrorInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_ERRORS_IGNORED_ERROR_H_
