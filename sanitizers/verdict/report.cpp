#include "report.h"

#include <cctype>
#include <map>
#include <regex>
#include <utility>

namespace safelab::verdict {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Sanitizer frame:  "    #3 0x55c1 in ns::f(int) /src/a.cpp:12:5 (bin+0x1234)"  (ASan)
//                   "    #3 ns::f(int) /src/a.cpp:12:5 (bin+0x1234)"             (TSan)
//                   "    #0 bump /src/race.c (bin+0x1234)"     (no line information)
//                   "    #0 f /home/me/my project/a.c:3:5 (a.out+0x1)"  (a space in the path)
// The location runs from the first " /" to the module in parentheses, so a
// path may contain spaces; a function name does not contain " /".
const std::regex kSanFrame(
    R"(^\s*#\d+ (?:0x[0-9a-f]+ in )?(.*?)(?: (/.*?(?::\d+(?::\d+)?)?))?(?: \([^()]*\))*$)");
// Valgrind frame:   "==123==    at 0x4C2F: ns::f(int) (a.cpp:12)"
const std::regex kVgFrame(
    R"(^==\d+==\s+(?:at|by) 0x[0-9A-Fa-f]+: (.*?)(?: \((?:in )?([^()]*)\))?$)");
const std::regex kTsanHead(R"(WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?\s*$)");
const std::regex kAsanHead(
    R"(ERROR: (AddressSanitizer|LeakSanitizer|ThreadSanitizer|UndefinedBehaviorSanitizer): (.*?)\s*$)");
const std::regex kUbsanRuntime(R"(runtime error: (.*)$)");
const std::regex kUbsanSummary(R"(SUMMARY: UndefinedBehaviorSanitizer: ([a-z-]+))");
const std::regex kVgError(
    R"(^==\d+== ((?:Conditional jump|Use of uninitialised|Syscall param|Invalid (?:read|write|free)|Mismatched free|Source and destination overlap|Possible data race|Lock at|Thread #\d+: lock order|Thread #\d+: Exiting thread still holds|Thread #\d+ unlocked|Thread #\d+'s call to pthread_mutex_unlock failed|Thread #\d+: Attempt to re-lock|Thread #\d+: pthread_mutex_destroy of a locked|Jump to the invalid address|Process terminating with default action of signal 11)[^\n]*)$)");
// "128 (64 direct, 64 indirect) bytes in 1 blocks are definitely lost": a
// block that heads others (a leaked cycle or list) prints its split.
// Helgrind announces each thread before the first report that involves it,
// with the stack of the pthread_create that started it.
const std::regex kVgAnnounce(R"(^==\d+== Thread #(\d+) was created)");
const std::regex kVgExitHoldingLock(R"(^Thread #(\d+): Exiting thread still holds)");
const std::regex kVgLeak(
    R"(^==\d+== [\d,]+ (?:\([\d,]+ direct, [\d,]+ indirect\) )?bytes in [\d,]+ blocks are (?:definitely|indirectly|possibly) lost)");

std::string asan_kind(const std::string& rest) {
  // "heap-use-after-free on address 0x..."  -> "heap-use-after-free"
  // "attempting double-free on 0x..."       -> "double-free"
  // "detected memory leaks"                 -> "detected memory leaks"
  if (rest.starts_with("attempting double-free")) return "double-free";
  if (rest.starts_with("detected memory leaks")) return "detected memory leaks";
  if (rest.starts_with("attempting free on address which was not malloc")) return "bad-free";
  if (rest.starts_with("requested allocation size")) return "allocation-size-too-big";
  std::string kind = rest.substr(0, rest.find(' '));
  if (!kind.empty() && kind.back() == ':') kind.pop_back();  // "memcpy-param-overlap: ..."
  return kind;
}

std::string tsan_kind(const std::string& rest) {
  // "lock-order-inversion (potential deadlock)" -> "lock-order-inversion"
  return rest.substr(0, rest.find(" ("));
}

std::string valgrind_kind(const std::string& head) {
  if (head.find("uninitialised") != std::string::npos) return "uninitialised value";
  if (head.starts_with("Invalid read")) return "invalid read";
  if (head.starts_with("Invalid write")) return "invalid write";
  if (head.starts_with("Invalid free")) return "invalid free";
  if (head.starts_with("Mismatched free")) return "mismatched free";
  if (head.starts_with("Possible data race")) return "data race";
  if (head.find("lock order") != std::string::npos) return "lock-order-inversion";
  if (head.find("definitely lost") != std::string::npos) return "definitely lost";
  if (head.find("indirectly lost") != std::string::npos) return "indirectly lost";
  if (head.find("possibly lost") != std::string::npos) return "possibly lost";
  if (head.starts_with("Source and destination overlap")) return "overlap";
  // A call through a NULL or wild function pointer, or a return through a
  // smashed return address: memcheck counts it in its ERROR SUMMARY.
  if (head.starts_with("Jump to the invalid address")) return "invalid jump";
  // Valgrind's core prints the fatal signal with the faulting stack, as the
  // sanitizers print "SEGV on unknown address".
  if (head.starts_with("Process terminating with default action of signal 11")) return "SEGV";
  if (head.find("Exiting thread still holds") != std::string::npos)
    return "thread exits holding a lock";
  // Helgrind says "unlocked an invalid lock" for a mutex it has not seen
  // initialised or locked: a PTHREAD_MUTEX_INITIALIZER mutex released before
  // any lock. The defect is TSan's "unlock of an unlocked mutex" too.
  if (head.find("unlocked a not-locked lock") != std::string::npos ||
      head.find("unlocked an invalid lock") != std::string::npos ||
      head.find("pthread_mutex_unlock failed") != std::string::npos) {
    return "unlock of an unlocked mutex";
  }
  if (head.find("currently held by thread") != std::string::npos) return "unlock by a non-owner";
  if (head.find("Attempt to re-lock") != std::string::npos) return "double lock of a mutex";
  if (head.find("pthread_mutex_destroy of a locked") != std::string::npos) {
    return "destroy of a locked mutex";
  }
  return head;
}

// "a::f<int, &b::g>(x)::$_0" -> "a::f(x)::$_0". Operator names keep their
// '<' and '>' ("operator<<", "operator->"); a list left unbalanced (a
// truncated name) gives up and keeps the text as printed.
std::string without_template_arguments(std::string_view s) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i).starts_with("operator")) {
      std::size_t j = i + std::string_view("operator").size();
      while (j < s.size() && std::string_view("<>=-").find(s[j]) != std::string_view::npos) ++j;
      if (depth == 0) out.append(s.substr(i, j - i));
      i = j - 1;
      continue;
    }
    if (s[i] == '<') {
      ++depth;
    } else if (s[i] == '>' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out.push_back(s[i]);
    }
  }
  return depth == 0 ? out : std::string(s);
}

// The heading of a stack that only gives context: where a thread, mutex or
// heap block came from (TSan, ASan, Valgrind), not where the bug happened.
const std::regex kContextHeading(
    R"((created (at|by)|(allocated|freed) by (main )?thread|previously allocated by|alloc'd|free'd|was first observed|created by a (heap|stack) allocation))");

}  // namespace

std::string short_function_name(std::string_view function, std::size_t max) {
  std::string t = without_template_arguments(function);
  for (const std::string_view anon : {"(anonymous namespace)::", "{anonymous}::"}) {
    for (auto at = t.find(anon); at != std::string::npos; at = t.find(anon)) {
      t.erase(at, anon.size());
    }
  }
  // Parameter lists to "()", keeping "operator()" itself.
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 10, "operator()") == 0) {
      out += "operator()";
      i += 9;
      continue;
    }
    if (t[i] != '(') {
      out.push_back(t[i]);
      continue;
    }
    int depth = 0;
    std::size_t j = i;
    for (; j < t.size(); ++j) {
      if (t[j] == '(') ++depth;
      if (t[j] == ')' && --depth == 0) break;
    }
    out += "()";
    i = j;
  }
  static const std::regex lambda(R"(::(\$_\d+|\{lambda\(\)#\d+\})::operator\(\)\(\))");
  static const std::regex qualifiers(R"(( const| volatile| &&| &)+$)");
  out = std::regex_replace(out, lambda, "::lambda");
  static const std::regex space_before_call(R"( +\()");  // "operator< <int>(" left "< ("
  out = std::regex_replace(out, qualifiers, "");
  out = std::regex_replace(out, space_before_call, "(");
  out = trim(out);
  if (out.size() <= max) return out;
  std::size_t from = out.size() - (max - 3);
  const std::size_t sep = out.find("::", from);
  if (sep != std::string::npos) from = sep + 2;
  return "..." + out.substr(from);
}

std::vector<std::string_view> known_kinds(Tool t) {
  switch (t) {
    case Tool::asan:
      return {"heap-buffer-overflow",
              "stack-buffer-overflow",
              "global-buffer-overflow",
              "dynamic-stack-buffer-overflow",
              "stack-buffer-underflow",
              "heap-use-after-free",
              "stack-use-after-return",
              "stack-use-after-scope",
              "double-free",
              "bad-free",
              "alloc-dealloc-mismatch",
              "new-delete-type-mismatch",
              "container-overflow",
              "memcpy-param-overlap",
              "strcpy-param-overlap",
              "negative-size-param",
              "use-after-poison",
              "calloc-overflow",
              "allocation-size-too-big",
              "stack-overflow",
              "SEGV",
              "unknown-crash"};
    case Tool::ubsan:
      return {"signed-integer-overflow",
              "integer-divide-by-zero",
              "float-cast-overflow",
              "invalid-shift-base",
              "invalid-shift-exponent",
              "out-of-bounds-index",
              "null-pointer-use",
              "nullptr-with-offset",
              "nullptr-with-nonzero-offset",
              "nullptr-after-nonzero-offset",
              "pointer-overflow",
              "misaligned-pointer-use",
              "alignment-assumption",
              "invalid-bool-load",
              "invalid-enum-load",
              "missing-return",
              "unreachable-call",
              "non-positive-vla-index",
              "invalid-null-argument",
              "invalid-null-return",
              "invalid-builtin-use",
              "function-type-mismatch",
              "dynamic-type-mismatch",
              "insufficient-object-size",
              "undefined-behavior",
              "SEGV"};
    case Tool::lsan: return {"detected memory leaks"};
    case Tool::tsan:
      return {"data race",
              "lock-order-inversion",
              "heap-use-after-free",
              "thread leak",
              "destroy of a locked mutex",
              "unlock of an unlocked mutex",
              "double lock of a mutex",
              "use of an invalid mutex",
              "signal-unsafe call inside of a signal",
              "signal handler spoils errno",
              "SEGV"};
    case Tool::memcheck:
      return {"invalid read",
              "invalid write",
              "invalid free",
              "mismatched free",
              "uninitialised value",
              "definitely lost",
              "indirectly lost",
              "possibly lost",
              "overlap",
              "invalid jump",
              "SEGV"};
    case Tool::helgrind:
      return {"data race",
              "lock-order-inversion",
              "thread exits holding a lock",
              "unlock of an unlocked mutex",
              "unlock by a non-owner",
              "double lock of a mutex",
              "destroy of a locked mutex",
              "SEGV"};
    case Tool::intsan:
      return {"unsigned-integer-overflow", "implicit-unsigned-integer-truncation",
              "implicit-signed-integer-truncation",
              "implicit-signed-integer-truncation-or-sign-change", "implicit-integer-sign-change"};
    // The analyzers' kinds use the run-time tools' names where the defect is
    // the same, so one --expect holds whichever tool sees it
    // (static_analysis.cpp maps their warnings to these).
    case Tool::clang_analyzer:
      return {"heap-use-after-free",   "double-free",
              "memory leak",           "null dereference",
              "uninitialised value",   "integer-divide-by-zero",
              "mismatched free",       "bad-free",
              "stack-use-after-return"};
    case Tool::gcc_analyzer:
      return {"heap-use-after-free",    "double-free",     "memory leak", "null dereference",
              "uninitialised value",    "mismatched free", "bad-free",    "stack-use-after-return",
              "invalid-shift-exponent", "resource leak"};
    default: return {};
  }
}

bool frame_names(std::string_view function, std::string_view name) {
  const std::string outside = without_template_arguments(function);
  const auto is_ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  for (std::size_t at = outside.find(name); at != std::string::npos;
       at = outside.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if ((at == 0 || !is_ident(outside[at - 1])) &&
        (end == outside.size() || !is_ident(outside[end]))) {
      return true;
    }
  }
  return false;
}

bool Report::names(std::string_view name) const { return frame_naming(name) != nullptr; }

const Frame* Report::frame_naming(std::string_view name) const {
  for (const Frame& f : frames) {
    if (!f.context && frame_names(f.function, name)) return &f;
  }
  return nullptr;
}

std::string normalise_line(std::string_view line) {
  static const std::regex hex("0x[0-9a-fA-F]+");
  static const std::regex pid(R"(pid=\d+)");
  static const std::regex vg(R"(^==\d+==)");
  // A path is the machine's (or the build directory's), not the bug's: keep
  // the file name. UBSan's headline starts with "/abs/path/file.cpp:79:28:
  // runtime error", or "../../src/file.cpp:..." when ccache made it relative.
  static const std::regex abs_path(
      R"((^|[\s(\[])(?:/|\.\.?/)(?:[^\s:/()\[\]]+/)*([^\s:/()\[\]]+))");
  std::string s(line);
  s = std::regex_replace(s, abs_path, "$1$2");
  s = std::regex_replace(s, hex, "0x...");
  s = std::regex_replace(s, pid, "pid=N");
  s = std::regex_replace(s, vg, "==N==");
  return trim(s);
}

std::vector<Report> parse_reports(std::string_view text) {
  std::vector<Report> reports;
  Report* current = nullptr;
  bool context = false;  // the current stack is a context stack
  // Helgrind's report of a thread that exits holding a lock has only
  // start_thread and clone in its stack; the thread's creation stack (from
  // its announcement) is added as context, so "where" points at the user's
  // code that started it. An announcement also ends the report before it,
  // whose frames it is not.
  std::map<std::string, std::vector<Frame>> created;  // thread number -> stack
  std::vector<Frame>* announcing = nullptr;
  std::vector<std::pair<std::size_t, std::string>> exits;  // report index, thread number
  std::smatch m;
  for (std::string_view view : split_lines(text)) {
    const std::string line(view);
    if (std::regex_search(line, m, kVgAnnounce)) {
      announcing = &created[m[1]];
      announcing->clear();
      current = nullptr;
      continue;
    }
    if (std::regex_search(line, m, kTsanHead)) {
      reports.push_back({"ThreadSanitizer", tsan_kind(m[1]), normalise_line(line), {}});
      current = &reports.back();
      context = false;
      continue;
    }
    if (std::regex_search(line, m, kAsanHead)) {
      reports.push_back({m[1], asan_kind(m[2]), normalise_line(line), {}});
      current = &reports.back();
      context = false;
      continue;
    }
    if (std::regex_search(line, m, kUbsanRuntime) &&
        line.find(": runtime error:") != std::string::npos) {
      // The kind comes from the SUMMARY line that follows (report_error_type=1).
      reports.push_back(
          {"UndefinedBehaviorSanitizer", "undefined-behavior", normalise_line(line), {}});
      current = &reports.back();
      context = false;
      continue;
    }
    if (std::regex_search(line, m, kVgError) || std::regex_search(line, m, kVgLeak)) {
      const std::string head = normalise_line(line.substr(line.find("== ") + 3));
      reports.push_back({"Valgrind", valgrind_kind(head), head, {}});
      current = &reports.back();
      context = false;
      announcing = nullptr;
      if (std::regex_search(head, m, kVgExitHoldingLock)) {
        exits.emplace_back(reports.size() - 1, m[1]);
      }
      continue;
    }
    if (current == nullptr) {
      if (announcing != nullptr && std::regex_match(line, m, kVgFrame)) {
        announcing->push_back({trim(m[1]), m.size() > 2 ? trim(m[2]) : "", true});
      } else {
        announcing = nullptr;
      }
      continue;
    }
    if (std::regex_search(line, m, kUbsanSummary) &&
        current->tool == "UndefinedBehaviorSanitizer") {
      current->kind = m[1];
      continue;
    }
    if (std::regex_match(line, m, kSanFrame) || std::regex_match(line, m, kVgFrame)) {
      current->frames.push_back({trim(m[1]), m.size() > 2 ? trim(m[2]) : "", context});
      continue;
    }
    // Any other line inside a report heads the stack that follows it.
    context = std::regex_search(line, kContextHeading);
    if (line.find("SUMMARY: ") != std::string::npos) current = nullptr;
  }
  for (const auto& [index, thread] : exits) {
    const auto it = created.find(thread);
    if (it == created.end()) continue;
    auto& frames = reports[index].frames;
    frames.insert(frames.end(), it->second.begin(), it->second.end());
  }
  return reports;
}

}  // namespace safelab::verdict
