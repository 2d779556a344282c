// Must not compile: the ignored_error topic's rust-style parser returns a
// [[nodiscard]] Result, and this caller drops it on the floor — the C habit
// of ignoring a return code. Under -Werror that is a compile error:
//
//   error: ignoring return value of '...parse_port_rust...', declared with
//   attribute 'nodiscard' [-Werror=unused-result]
//
// (The fix is to look at it: `if (auto port = parse_port_rust(text)) ...`.)
//
// Rust: Result is #[must_use] ("this `Result` may be an `Err` variant, which
// should be handled"), a lint in every build.
// Differs: a warning in Rust (an error only under #![deny(unused_must_use)]);
// an error here because the project builds with -Werror. safelab's run-time
// checked mode (a Result dropped unexamined aborts) goes beyond Rust, and
// follows how the library was built, not the consumer (docs/err.md).
#include "errors/ignored_error.h"

void configure(const char* text) {
  safelab::pairs::parse_port_rust(text);  // the error, if any, is lost
}
