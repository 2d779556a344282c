#include "verdict/normalise.h"

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <tuple>
#include <vector>

#include "verdict/report.h"

namespace safelab::verdict {

std::string strip_directories(std::string_view text) {
  static const std::regex kDirectories("(/[^/ :]+)+/");
  return std::regex_replace(std::string(text), kDirectories, "");
}

std::string short_function(std::string_view fn) {
  std::string out;
  for (std::size_t i = 0; i < fn.size(); ++i) {
    const char open = fn[i];
    const char close = open == '(' ? ')' : open == '<' ? '>' : '\0';
    const bool empty_list = i + 1 < fn.size() && fn[i + 1] == close;
    if (close == '\0' || empty_list || fn.substr(i).starts_with("(anonymous namespace)") ||
        fn.substr(0, i).ends_with("operator")) {
      out += open;
      continue;
    }
    int depth = 0;
    std::size_t j = i;
    for (; j < fn.size(); ++j) {
      if (fn[j] == open) ++depth;
      if (fn[j] == close && --depth == 0) break;
    }
    out += open;
    out += "...";
    out += close;
    i = j;
  }
  return out;
}

std::optional<std::string> normalised_report(std::string_view stderr_text,
                                             std::string_view primary_file) {
  const std::vector<Report> reports = parse_reports(stderr_text);
  if (reports.empty()) return std::nullopt;
  const Report& r = reports.front();
  std::string out = strip_directories(r.headline) + "\n";
  struct Place {
    std::string file;
    int line = 0;
    std::string text;
  };
  std::vector<Place> places;
  for (const Frame& f : r.frames) {
    if (f.location.empty() || f.location.starts_with("/usr/")) continue;  // runtime frames
    const std::string loc = f.location.substr(f.location.rfind('/') + 1);
    Place p{loc.substr(0, loc.find(':')), 0, "    at " + loc + " in " + short_function(f.function)};
    if (const std::size_t colon = loc.find(':'); colon != std::string::npos) {
      p.line = std::atoi(loc.c_str() + colon + 1);
    }
    if (std::none_of(places.begin(), places.end(),
                     [&](const Place& q) { return q.text == p.text; })) {
      places.push_back(std::move(p));
    }
  }
  const auto rank = [&](const Place& p) {
    return p.file == primary_file ? 0 : p.file.find("_test") != std::string::npos ? 1 : 2;
  };
  std::sort(places.begin(), places.end(), [&](const Place& a, const Place& b) {
    return std::tuple(rank(a), a.file, a.line, a.text) <
           std::tuple(rank(b), b.file, b.line, b.text);
  });
  if (places.size() > 5) places.resize(5);
  for (const Place& p : places) out += p.text + "\n";
  return out;
}

std::string normalised_compile_errors(std::string_view output, int max_lines) {
  std::istringstream in{std::string(output)};
  std::string text;
  std::string line;
  bool on = false;
  int n = 0;
  while (std::getline(in, line) && n < max_lines) {
    if (!on && line.find("error:") == std::string::npos) continue;
    on = true;
    if (line.starts_with("ninja") || line.starts_with("[") || line.starts_with("In file")) break;
    text += strip_directories(line) + "\n";
    ++n;
  }
  return text;
}

}  // namespace safelab::verdict
