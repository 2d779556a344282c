#include "safelab/err/panic.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace safelab::err {
namespace {

// Writes all of `s` to stderr, retrying short writes. Deliberately not
// stdio: a panic may come from a state where stdio's buffers or locks cannot
// be trusted (inside a signal-ish path, or with a stream mid-write).
void write_all(std::string_view s) noexcept {
  while (!s.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, s.data(), s.size());
    if (n <= 0) return;  // nowhere left to report to; abort anyway
    s.remove_prefix(static_cast<std::size_t>(n));
  }
}

[[noreturn]] void report_and_abort(std::string_view msg, std::string_view what_location,
                                   SourceLocation where) noexcept {
  // One write for the whole report, so that two threads panicking at once
  // do not interleave their lines. Building the string may itself fail
  // (std::bad_alloc); then the message is written piecewise.
  try {
    std::string report;
    report.reserve(msg.size() + 256);
    report.append("safelab panic: ").append(msg).append("\n  ").append(what_location);
    report.append(" ").append(where.file_name()).append(":");
    report.append(std::to_string(where.line())).append(" in ").append(where.function_name());
    report.append("\n");
    write_all(report);
  } catch (...) {
    write_all("safelab panic: ");
    write_all(msg);
    write_all("\n");
  }
  std::abort();
}

}  // namespace

void panic(std::string_view msg, SourceLocation where) noexcept {
  report_and_abort(msg, "at", where);
}

namespace internal {

void panic_at(std::string_view msg, std::string_view what_location, SourceLocation where) noexcept {
  report_and_abort(msg, what_location, where);
}

}  // namespace internal
}  // namespace safelab::err
