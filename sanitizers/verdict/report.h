// sanitizers/verdict/report.h
//
// parse_reports(): finds the reports that ASan, UBSan, LSan, TSan and
// Valgrind print, and reduces each to what a verdict needs: which tool, the
// normalised kind ("data race", "heap-use-after-free",
// "signed-integer-overflow", "uninitialised value"...), the headline as
// printed (addresses and pids blanked so it is stable across runs) and the
// function names of every stack frame in the report, in order.
//
// A report "names" a function only where the bug happened: in a stack of the
// faulting accesses (both sides of a race, both acquisitions of a lock-order
// inversion, the leaked allocation), not in the context stacks (where a
// thread was created, where a heap block was allocated or freed, where an
// uninitialised value came from), and only as a function or the function
// enclosing a lambda, never as a template argument: every variant's thread
// is created under run_variant<Topic, &the_variant>, which would otherwise
// "name" the variant in every report.
#ifndef SAFELAB_SANITIZERS_VERDICT_REPORT_H_
#define SAFELAB_SANITIZERS_VERDICT_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "tool.h"

namespace safelab::verdict {

struct Frame {
  std::string function;  // demangled, as the tool printed it
  std::string location;  // "file.cpp:12:5" when known
  bool context = false;  // in a "created at" / "allocated by" / "freed by" stack
};

struct Report {
  std::string tool;      // "ThreadSanitizer", "AddressSanitizer", "LeakSanitizer",
                         // "UndefinedBehaviorSanitizer", "Valgrind"
  std::string kind;      // normalised kind, see above
  std::string headline;  // normalised headline line
  std::vector<Frame> frames;

  // True if a frame of the bug (not a context frame) is `name` or is inside
  // it (a lambda in it): see frame_names().
  bool names(std::string_view name) const;
  // The first such frame, or nullptr.
  const Frame* frame_naming(std::string_view name) const;
};

std::vector<Report> parse_reports(std::string_view text);

// The lines of `text`, without their '\n' (views into `text`).
std::vector<std::string_view> split_lines(std::string_view text);

// known_kinds()
//
// Every kind parse_reports() gives a report of run-time tool `t`, as
// `safelab check --kinds` lists them and `--expect` accepts them. Empty for
// the compile-time tools.
std::vector<std::string_view> known_kinds(Tool t);

// True if `function` (a demangled frame) is the function `name`, a member or
// lambda inside it: `name` appears as a whole identifier outside template
// argument lists. "ns::f(int)", "ns::f(int)::$_0::operator()() const" and
// "ns::C::f() const" name f; "run<&ns::f>(int)" and "ns::f_2(int)" do not.
bool frame_names(std::string_view function, std::string_view name);

// short_function_name()
//
// A frame's function as a person reads it in a table cell: no template
// arguments, no parameter types, no cv/ref qualifiers, "(anonymous
// namespace)::" dropped, a lambda shown as "::lambda"; if still longer than
// `max`, its tail (the innermost names), cut at a "::" and led by "...".
// "ns::Box<std::vector<int>>::get(unsigned long) const" -> "ns::Box::get()".
std::string short_function_name(std::string_view function, std::size_t max = 80);

// Replaces hex addresses and "pid=N"/"==N==" markers so that two runs of the
// same bug print the same line, and reduces absolute and ../ paths to their
// file name so that two machines and build directories do
// ("/build/x/src/f.cpp:9:3" and "../../src/f.cpp:9:3" -> "f.cpp:9:3").
std::string normalise_line(std::string_view line);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_REPORT_H_
