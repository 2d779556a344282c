#include "suite.h"

#include <algorithm>
#include <cctype>

namespace safelab::verdict {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  while (true) {
    const auto at = s.find(sep);
    const std::string part = trim(s.substr(0, at));
    if (!part.empty()) out.push_back(part);
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

// "KIND [(TOOL)] [in FUNCTION]"
std::optional<Expected> parse_expected(const std::string& text, std::string* error) {
  Expected e;
  std::string rest = text;
  const auto in = rest.rfind(" in ");
  if (in != std::string::npos) {
    e.function = trim(rest.substr(in + 4));
    rest = trim(rest.substr(0, in));
  }
  const auto open = rest.rfind('(');
  if (open != std::string::npos && rest.back() == ')') {
    const std::string tool = trim(rest.substr(open + 1, rest.size() - open - 2));
    const auto t = parse_tool(lower(tool));
    if (!t || !is_check_tool(*t)) {
      *error = "unknown tool '" + tool + "'";
      return std::nullopt;
    }
    e.tool = *t;
    rest = trim(rest.substr(0, open));
  }
  e.kind = canonical_kind(rest);
  if (e.kind.empty()) {
    *error = "unknown kind '" + rest + "' (`safelab check --kinds` lists them)";
    return std::nullopt;
  }
  if (e.tool) {
    const auto kinds = known_kinds(*e.tool);
    if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) {
      *error = "'" + e.kind + "' is not a kind " + std::string(to_string(*e.tool)) + " reports";
      return std::nullopt;
    }
  }
  return e;
}

// The text after "// KEY:" on `line`, or nullopt.
std::optional<std::string> field(std::string_view line, std::string_view key) {
  const std::string t = trim(line);
  if (!t.starts_with("//")) return std::nullopt;
  const std::string body = trim(std::string_view(t).substr(2));
  if (!lower(body).starts_with(std::string(key) + ":")) return std::nullopt;
  return trim(std::string_view(body).substr(key.size() + 1));
}

}  // namespace

std::string canonical_kind(std::string_view kind) {
  for (Tool t : kCheckTools) {
    for (std::string_view k : known_kinds(t)) {
      if (lower(k) == lower(kind)) return std::string(k);
    }
  }
  return {};
}

std::optional<SuiteHeader> parse_header(std::string_view text, std::string* error) {
  SuiteHeader h;
  bool first = true;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (const auto expect = field(line, "expect")) {
      if (lower(*expect) == "clean") {
        h.clean = true;
      } else {
        for (const std::string& alt : split(*expect, ';')) {
          auto e = parse_expected(alt, error);
          if (!e) return std::nullopt;
          h.expected.push_back(std::move(*e));
        }
      }
    } else if (first) {
      return std::nullopt;  // not a suite program
    } else if (const auto args = field(line, "args")) {
      h.args = split(*args, ' ');
    } else if (const auto in = field(line, "stdin")) {
      h.stdin_file = *in;
    } else if (const auto tools = field(line, "tools")) {
      for (const std::string& name : split(*tools, ',')) {
        const auto t = parse_tool(lower(name));
        if (!t || !is_check_tool(*t)) {
          *error = "unknown tool '" + name + "' in tools:";
          return std::nullopt;
        }
        h.tools.push_back(*t);
      }
    } else {
      break;  // the header ends at the first other line
    }
    first = false;
  }
  if (first) return std::nullopt;
  if (h.clean == !h.expected.empty()) {
    *error = h.clean ? "expect: clean and a kind at once" : "no expectation";
    return std::nullopt;
  }
  return h;
}

std::string_view to_string(Cell c) {
  switch (c) {
    case Cell::found: return "found";
    case Cell::missed: return "missed";
    case Cell::false_report: return "FALSE REPORT";
    case Cell::other: return "other";
    case Cell::quiet: return "-";
    case Cell::not_applicable: return "n/a";
    case Cell::advisory: return "advisory";
    case Cell::error: return "error";
  }
  return "?";
}

bool sees(const CheckerOutcome& outcome, const Expected& e) {
  if (!counts_as_found(outcome.status)) return false;
  if (e.tool && *e.tool != outcome.checker) return false;
  return std::any_of(outcome.reports.begin(), outcome.reports.end(), [&](const Report& r) {
    return r.kind == e.kind && (e.function.empty() || r.names(e.function));
  });
}

Cell judge_cell(const SuiteHeader& header, const CheckerOutcome& outcome) {
  switch (outcome.status) {
    case Status::not_applicable: return Cell::not_applicable;
    case Status::build_failed:
    case Status::timed_out:
    case Status::failed: return Cell::error;
    default: break;
  }
  if (header.clean) {
    if (outcome.status == Status::advisory) return Cell::advisory;
    return outcome.status == Status::detected ? Cell::false_report : Cell::quiet;
  }
  const bool seen = std::any_of(header.expected.begin(), header.expected.end(),
                                [&](const Expected& e) { return sees(outcome, e); });
  if (seen) return Cell::found;
  const bool named = std::any_of(header.expected.begin(), header.expected.end(),
                                 [&](const Expected& e) { return e.tool == outcome.checker; });
  if (named) return Cell::missed;
  if (outcome.status == Status::advisory) return Cell::advisory;
  return outcome.status == Status::detected ? Cell::other : Cell::quiet;
}

bool judge_program(const SuiteHeader& header, const std::vector<CheckerOutcome>& outcomes) {
  if (header.clean) {
    return std::all_of(outcomes.begin(), outcomes.end(),
                       [](const CheckerOutcome& o) { return counts_as_clean(o.status); });
  }
  return std::any_of(outcomes.begin(), outcomes.end(), [&](const CheckerOutcome& o) {
    return std::any_of(header.expected.begin(), header.expected.end(),
                       [&](const Expected& e) { return sees(o, e); });
  });
}

}  // namespace safelab::verdict
