#include "static_analysis.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>

#include "standalone.h"

namespace safelab::verdict {
namespace {

// "/src/a.c:12:3: warning: Use of memory after it is freed [unix.Malloc]"
// "/src/a.c:9:5: warning: double-'free' of 'p' [CWE-415] [-Wanalyzer-double-free]"
// The last bracket names the checker (Clang) or the warning flag (GCC).
const std::regex kWarning(R"(^(.+?):(\d+):(\d+): warning: (.*) \[([^\[\]]+)\]\s*$)");
// "a.cpp: In function 'void bad()':", "In member function 'int C::f() const':",
// "In static member function ...": quoted '...' in the C locale, and
// ‘...’ (UTF-8) in a UTF-8 one.
const std::regex kInFunction(R"(In (?:static )?(?:member )?function (?:'|‘)(.*?)(?:'|’):)");
const std::regex kCwe(R"( \[CWE-\d+\]$)");

// "void ns::C::f(int) const" -> "ns::C::f"; "bad" -> "bad";
// "T& ns::M<T, P>::lock() [with T = int]" -> "ns::M::lock" (a template's
// arguments may hold spaces).
std::string function_name(const std::string& signature) {
  std::string name;
  int depth = 0;
  for (const char c : signature.substr(0, signature.find('('))) {
    depth += c == '<' ? 1 : 0;
    if (depth == 0) name += c;
    depth -= c == '>' && depth > 0 ? 1 : 0;
  }
  const auto space = name.rfind(' ');
  if (space != std::string::npos) name = name.substr(space + 1);
  while (!name.empty() && (name.front() == '*' || name.front() == '&')) name.erase(0, 1);
  return name;
}

std::string clang_kind(const std::string& checker, const std::string& message) {
  const auto has = [&](const char* s) { return message.find(s) != std::string::npos; };
  if (has("after it is freed") || has("after it is released") ||
      checker == "cplusplus.InnerPointer") {
    return "heap-use-after-free";
  }
  if (has("free released memory") || has("release released memory")) return "double-free";
  if (has("otential leak") || has("otential memory leak")) return "memory leak";
  if (checker == "unix.MismatchedDeallocator") return "mismatched free";
  if (has("not memory allocated by") || has("address of the local") || has("is the address of")) {
    return "bad-free";
  }
  if (checker == "core.NullDereference" || has("null pointer") || has("is null")) {
    return "null dereference";
  }
  if (checker.starts_with("core.uninitialized") || has("garbage") || has("uninitialized")) {
    return "uninitialised value";
  }
  if (checker == "core.DivideZero") return "integer-divide-by-zero";
  if (checker == "core.StackAddressEscape") return "stack-use-after-return";
  return checker;
}

std::string gcc_kind(const std::string& flag) {
  std::string w = flag.substr(std::string_view("-Wanalyzer-").size());
  if (w.starts_with("possible-")) w = w.substr(std::string_view("possible-").size());
  if (w == "double-free") return "double-free";
  if (w == "use-after-free") return "heap-use-after-free";
  if (w == "malloc-leak") return "memory leak";
  if (w == "null-dereference" || w == "null-argument") return "null dereference";
  if (w == "use-of-uninitialized-value") return "uninitialised value";
  if (w == "mismatching-deallocation") return "mismatched free";
  if (w == "free-of-non-heap") return "bad-free";
  if (w == "use-of-pointer-in-stale-stack-frame") return "stack-use-after-return";
  if (w.starts_with("shift-count")) return "invalid-shift-exponent";
  if (w == "file-leak" || w == "fd-leak") return "resource leak";
  return w;
}

}  // namespace

std::vector<std::string> analyzer_command(Tool tool, bool cxx) {
  if (tool == Tool::gcc_analyzer) {
    return {cxx ? "g++" : "gcc",
            "-fanalyzer",
            "-fdiagnostics-color=never",
            "-fdiagnostics-path-format=none",
            "-c",
            "-o",
            "/dev/null"};
  }
  return {cxx ? "clang++" : "clang",
          "--analyze",
          "--analyzer-output",
          "text",
          "-Xanalyzer",
          "-analyzer-disable-checker=deadcode",
          "-fno-color-diagnostics",
          "-o",
          "/dev/null"};
}

std::vector<Report> parse_analyzer_reports(std::string_view text, Tool tool) {
  std::vector<Report> reports;
  std::string function;  // GCC's latest "In function" line
  std::smatch m;
  for (const std::string_view view : split_lines(text)) {
    const std::string line(view);
    // Clang's path notes: "f.cpp:16:10: note: Calling implicit destructor
    // for 'tuple<G, G>'" or "note: Calling 'f'": the functions the path goes
    // through, kept as context frames of the warning (see analyzer_advisory()).
    if (const auto calling = line.find(": note: Calling ");
        !reports.empty() && calling != std::string::npos) {
      const auto open = line.find('\'', calling);
      const auto close = open == std::string::npos ? open : line.find('\'', open + 1);
      if (close != std::string::npos) {
        reports.back().frames.push_back(
            {line.substr(open + 1, close - open - 1), line.substr(0, calling), true});
      }
      continue;
    }
    if (std::regex_search(line, m, kInFunction)) {
      function = function_name(m[1]);
      continue;
    }
    if (!std::regex_match(line, m, kWarning)) continue;
    const std::string checker = m[5];
    const bool gcc = tool == Tool::gcc_analyzer;
    // The compiler's own warnings (-Wunused...) are not the analyzer's.
    if (gcc ? !checker.starts_with("-Wanalyzer-") : checker.starts_with("-W")) continue;
    const std::string message = std::regex_replace(std::string(m[4]), kCwe, "");
    Report r;
    r.tool = report_tool_name(tool);
    r.kind = gcc ? gcc_kind(checker) : clang_kind(checker, message);
    std::string headline = message;
    headline.append(" [").append(checker).append("]");
    r.headline = normalise_line(headline);
    const std::string path = m[1];
    const int line_no = std::stoi(m[2]);
    // "f()", as the sanitizers' frames print a function.
    std::string where = gcc && !function.empty() ? function : enclosing_function(path, line_no);
    if (!where.empty()) where += "()";
    r.frames.push_back({where, path + ":" + std::string(m[2]) + ":" + std::string(m[3]), false});
    reports.push_back(std::move(r));
  }
  return reports;
}

std::string analyzer_advisory(const Report& report, bool cxx) {
  if (report.tool == report_tool_name(Tool::clang_analyzer)) {
    const bool through_tuple =
        std::any_of(report.frames.begin(), report.frames.end(), [](const Frame& f) {
          return f.context &&
                 (f.function.starts_with("tuple<") || f.function.starts_with("_Tuple_impl<"));
        });
    if (report.kind == "uninitialised value" && through_tuple) {
      return "advisory: Clang 14's analyzer loses the members of a std::tuple of move-only "
             "objects bound with structured bindings, and reports them uninitialised when the "
             "tuple is destroyed (tests/check/tuple_of_guards.cpp, a correct program, gets the "
             "same report)";
    }
    return {};
  }
  if (report.tool != report_tool_name(Tool::gcc_analyzer)) return {};
  if (cxx) {
    return "advisory: GCC 12's -fanalyzer is not ready for C++, by its own manual, and reports "
           "correct C++ (a std::vector's buffer as leaked)";
  }
  if (report.headline.find("[-Wanalyzer-possible-") != std::string::npos) {
    return "advisory: gcc's -fanalyzer says only that a pointer that may be null (an unchecked "
           "malloc result) is used; a program that never runs out of memory does this too";
  }
  return {};
}

std::vector<std::string> split_command_line(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;  // the open quote, or 0
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote == '\'') {
      if (c == '\'') {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\\' && i + 1 < command.size()) {
      word += command[++i];
      in_word = true;
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> analysis_command_from(Tool tool, const std::vector<std::string>& compile) {
  std::vector<std::string> kept;
  bool cxx = false;
  for (std::size_t i = 1; i < compile.size(); ++i) {  // [0] is the compiler
    const std::string& w = compile[i];
    if (w == "-o" || w == "-MF" || w == "-MT" || w == "-MQ") {
      ++i;  // and its value
      continue;
    }
    if (w == "-c" || w == "-MD" || w == "-MMD" || w.starts_with("-W") ||
        w.starts_with("-fsanitize") || w.starts_with("-fno-sanitize") ||
        w.starts_with("-fcolor-diagnostics") || w.starts_with("-fdiagnostics-color")) {
      continue;
    }
    cxx = cxx || (!w.starts_with("-") && is_cxx(w));
    kept.push_back(w);
  }
  std::vector<std::string> command = analyzer_command(tool, cxx);
  command.insert(command.end(), kept.begin(), kept.end());
  return command;
}

std::string enclosing_function(const std::filesystem::path& file, int line) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string l; static_cast<int>(lines.size()) < line && std::getline(in, l);) {
    lines.push_back(l);
  }
  const auto is_name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':' || c == '~';
  };
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    const std::string& l = *it;
    if (l.empty() || std::isspace(static_cast<unsigned char>(l[0])) != 0 ||
        std::string_view("#/{}*").find(l[0]) != std::string_view::npos) {
      continue;
    }
    const auto last = l.find_last_not_of(" \t\r");
    if (l[last] == ';') continue;
    // The first name before a '(' that is not an attribute:
    // "__attribute__((noinline)) static void f(int* p) {" defines f.
    for (auto paren = l.find('('); paren != std::string::npos; paren = l.find('(', paren + 1)) {
      std::size_t end = paren;
      while (end > 0 && l[end - 1] == ' ') --end;
      std::size_t begin = end;
      while (begin > 0 && is_name(l[begin - 1])) --begin;
      std::string name = l.substr(begin, end - begin);
      if (!name.empty() && name != "__attribute__" && name != "__declspec" && name != "alignas") {
        return name;
      }
    }
  }
  return {};
}

}  // namespace safelab::verdict
