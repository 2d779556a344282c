// safelab/err/panic.h
//
// panic(): the unrecoverable error, Rust's `panic!` for C++.
//
// safelab separates two kinds of failure, as Rust does:
//
//   * recoverable errors (a file that does not parse, a key that is missing)
//     are values: `Result<T, E>` and `Option<T>` (see result.h, option.h);
//   * broken invariants (a bug: unwrapping an error, an index the caller
//     promised was valid) are panics. A panic prints what went wrong and
//     where, and aborts the process. It does not unwind and it cannot be
//     caught: a program that reached one is in a state nobody planned for.
//
// It is the one panic of safelab: every component (mem's RefCell and arenas,
// the gil model's fatal errors, the gc's consistency checks) reports through
// it, so every panic prints the same way.
//
// Unlike `assert`, a panic is not compiled out in release builds, and unlike
// `throw`, it cannot be swallowed by a `catch (...)` three frames up.
//
// The report goes to stderr in one block:
//
//   safelab panic: called unwrap() on an error: parse error at 3: ...
//     at app/config.cc:42 in load_config
//
// The message and location are written with write(2) before abort(), so the
// report survives even when stdio is in an unknown state.
#ifndef SAFELAB_ERR_PANIC_H_
#define SAFELAB_ERR_PANIC_H_

#include <string_view>
#include "safelab/err/source_location.h"

namespace safelab::err {

// panic()
//
// Prints `safelab panic: <msg>` and the source location of the call (or the
// one passed in), then calls std::abort(). Never returns.
//
// Pass a location explicitly when panicking on behalf of a caller, as
// `Result::value()` does, so that the report names the caller's line rather
// than a line inside the library.
//
// Example:
//
//   int checked_percent(int p) {
//     if (p < 0 || p > 100) safelab::err::panic("percent out of range");  // aborts
//     return p;
//   }
[[noreturn]] void panic(std::string_view msg,
                        SourceLocation where = SourceLocation::current()) noexcept;

namespace internal {

// The checked-mode report: "<what>; created at <file>:<line> in <function>".
// Separate from panic() so the message can name the *creation* site of a
// Result rather than the place where it was destroyed.
[[noreturn]] void panic_at(std::string_view msg, std::string_view what_location,
                           SourceLocation where) noexcept;

}  // namespace internal
}  // namespace safelab::err

#endif  // SAFELAB_ERR_PANIC_H_
