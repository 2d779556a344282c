// sanitizers/verdict/normalise.h
//
// A sanitizer report or compiler diagnostic, normalised so that a quote of
// it (a lab README, a doc) reads the same on every machine and every run:
// directories dropped, argument and template lists elided, addresses gone,
// frames listed by place rather than by stack order.
//
//   strip_directories()      "/home/u/safelab/labs/x.cpp:3" -> "x.cpp:3"
//   short_function()         "f(std::span<int, 18446744073709551615ul>)" -> "f(...)"
//   normalised_report()      the first report in a child's stderr: its
//                            headline and up to five distinct frames
//   normalised_compile_errors()  the first error of a compiler's output
#ifndef SAFELAB_VERDICT_NORMALISE_H_
#define SAFELAB_VERDICT_NORMALISE_H_

#include <optional>
#include <string>
#include <string_view>

namespace safelab::verdict {

// strip_directories()
//
// Removes every absolute directory prefix ("/a/b/") from `text`: UBSan's
// headline and compiler diagnostics start with the file's absolute path.
std::string strip_directories(std::string_view text);

// short_function()
//
// "ns::f(std::span<unsigned int const, 18446744073709551615ul>, int)::$_0::
// operator()() const" -> "ns::f(...)::$_0::operator()() const": argument and
// template lists say nothing a learner needs and differ between compilers.
// Empty lists, "(anonymous namespace)" and operator names stay.
std::string short_function(std::string_view fn);

// normalised_report()
//
// The first sanitizer report in `stderr_text`: its headline (directories
// stripped) and then up to five of its distinct frames in the program's own
// code (runtime frames under /usr/ dropped), one "    at FILE:LINE:COL in
// FUNCTION" line each. A race report holds two stacks whose order depends
// on which thread came second, so frames are sorted by place: frames in
// `primary_file` first, then files named *_test*, then the rest. nullopt
// when there is no report.
std::optional<std::string> normalised_report(std::string_view stderr_text,
                                             std::string_view primary_file);

// normalised_compile_errors()
//
// From the first line that states an "error:", up to `max_lines` lines of a
// compiler's output (stopping at the build tool's own lines), directories
// stripped. "" when there is no error.
std::string normalised_compile_errors(std::string_view output, int max_lines = 8);

}  // namespace safelab::verdict

#endif  // SAFELAB_VERDICT_NORMALISE_H_
