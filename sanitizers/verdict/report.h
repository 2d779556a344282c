// sanitizers/verdict/report.h
//
// parse_reports(): finds the reports that ASan, UBSan, LSan, TSan and
// Valgrind print, and reduces each to what a verdict needs: which tool, the
// normalised kind ("data race", "heap-use-after-free",
// "signed-integer-overflow", "uninitialised value"...), the headline as
// printed (addresses and pids blanked so it is stable across runs) and the
// function names of every stack frame in the report, in order.
#ifndef SAFELAB_SANITIZERS_VERDICT_REPORT_H_
#define SAFELAB_SANITIZERS_VERDICT_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

namespace safelab::verdict {

struct Frame {
  std::string function;  // demangled, as the tool printed it
  std::string location;  // "file.cpp:12:5" when known
};

struct Report {
  std::string tool;      // "ThreadSanitizer", "AddressSanitizer", "LeakSanitizer",
                         // "UndefinedBehaviorSanitizer", "Valgrind"
  std::string kind;      // normalised kind, see above
  std::string headline;  // normalised headline line
  std::vector<Frame> frames;

  // True if some frame's function contains `name`.
  bool names(std::string_view name) const;
  // The first frame whose function contains `name`, or nullptr.
  const Frame* frame_naming(std::string_view name) const;
};

std::vector<Report> parse_reports(std::string_view text);

// Replaces hex addresses and "pid=N"/"==N==" markers so that two runs of the
// same bug print the same line.
std::string normalise_line(std::string_view line);

}  // namespace safelab::verdict

#endif  // SAFELAB_SANITIZERS_VERDICT_REPORT_H_
