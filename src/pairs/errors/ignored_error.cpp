// Topic `ignored_error`, three ways.
//
//   python  the parser throws; a caller who does nothing propagates the
//           error, so ignoring it takes a visible `catch`.
//   rust    the parser returns a [[nodiscard]] Result: dropping it is a
//           compile error under -Werror, `(void)` on it aborts in checked
//           mode, and reading the port means going through the Result.
//   unsafe  the C parser returns -1 and leaves the out-parameter alone; the
//           caller ignores the return code. Every text is counted as valid
//           (a wrong result, shown by tests/err's IgnoredErrorWrongResult
//           test), and the "port" of a failed parse is uninitialised memory
//           that the caller branches on: Valgrind memcheck reports
//           "uninitialised value" in ignored_error_unsafe.
#include "ignored_error.h"

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>

#include "safelab/err/checked.h"

namespace safelab::pairs {

int parse_port_c(const char* text, int* port) {
  if (text == nullptr || *text < '0' || *text > '9') return -1;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || v < 1 || v > 65535) return -1;
  *port = static_cast<int>(v);
  return 0;
}

std::uint16_t parse_port_python(std::string_view text) {
  const auto r = err::parse<std::uint16_t>(text);
  if (!r || *r == 0) throw std::invalid_argument("invalid port: '" + std::string(text) + "'");
  return *r;
}

err::Result<std::uint16_t, err::Error> parse_port_rust(std::string_view text) {
  const auto r = err::parse<std::uint16_t>(text);
  if (!r)
    return err::Err(
        err::Error(err::ErrorCode::kInvalidArgument, "invalid port: " + r.error().message()));
  if (*r == 0) return err::Err(err::Error(err::ErrorCode::kOutOfRange, "port 0 is not a port"));
  return *r;
}

// python: the exception is handled where the loop can do something about it.
PortCount ignored_error_python(const IgnoredErrorInput& in) {
  PortCount c;
  for (const std::string& text : in.ports) {
    try {
      const std::uint16_t port = parse_port_python(text);
      ++c.valid;
      if (port < 1024) ++c.privileged;
    } catch (const std::invalid_argument&) {
      // skipped: not a port
    }
  }
  return c;
}

// rust: the port is only reachable through the Result.
PortCount ignored_error_rust(const IgnoredErrorInput& in) {
  PortCount c;
  for (const std::string& text : in.ports) {
    const err::Result<std::uint16_t, err::Error> port = parse_port_rust(text);
    if (!port) continue;
    ++c.valid;
    if (*port < 1024) ++c.privileged;
  }
  return c;
}

// unsafe: the return code is ignored. BROKEN ON PURPOSE.
[[gnu::noinline]] PortCount ignored_error_unsafe(const IgnoredErrorInput& in) {
  // Fresh heap memory, never written for a text that fails to parse.
  const auto ports = std::make_unique_for_overwrite<int[]>(in.ports.size());
  for (std::size_t i = 0; i < in.ports.size(); ++i) {
    parse_port_c(in.ports[i].c_str(), &ports[i]);  // <-- return code ignored
  }
  PortCount c;
  std::vector<int> privileged;
  for (std::size_t i = 0; i < in.ports.size(); ++i) {
    ++c.valid;                                            // every text "is" a port
    if (ports[i] < 1024) privileged.push_back(ports[i]);  // <-- branch on garbage
  }
  c.privileged = static_cast<std::int64_t>(privileged.size());
  return c;
}

IgnoredErrorInput IgnoredError::make_input(const catalog::Params& p) {
  static constexpr const char* kInvalid[] = {"http", "70000", "", "-1", "0", "80x", "8080 "};
  std::mt19937_64 gen(p.seed);
  IgnoredErrorInput in;
  for (std::int64_t i = 0; i < p.size; ++i) {
    if (gen() % 8 == 0) {
      in.ports.emplace_back(kInvalid[gen() % std::size(kInvalid)]);
      continue;
    }
    // Half privileged (1..1023), half not (1024..65535).
    const auto port = gen() % 2 == 0 ? 1 + gen() % 1023 : 1024 + gen() % (65536 - 1024);
    in.ports.push_back(std::to_string(port));
    ++in.expected_valid;
    if (port < 1024) ++in.expected_privileged;
  }
  return in;
}

std::string IgnoredError::show(const PortCount& c) {
  return "valid=" + std::to_string(c.valid) + " privileged=" + std::to_string(c.privileged);
}

using namespace catalog;
SAFELAB_VARIANT(IgnoredError, "python", Style::python, clean(),
                "the parser throws; ignoring the error takes a visible catch",
                ignored_error_python);
SAFELAB_VARIANT(IgnoredError, "rust", Style::rust, clean(),
                "a [[nodiscard]] Result: ignoring it does not compile, (void) aborts when checked",
                ignored_error_rust);
SAFELAB_VARIANT(IgnoredError, "unsafe", Style::unsafe,
                reported(Tool::memcheck, "uninitialised value", "ignored_error_unsafe"),
                "a C return code ignored: wrong count, and a branch on uninitialised memory",
                ignored_error_unsafe);
// A [[nodiscard]] Result that is ignored does not compile under -Werror.
SAFELAB_STATIC_CHECK(IgnoredError, Tool::cxx_types, "err_ignored_error");

}  // namespace safelab::pairs
