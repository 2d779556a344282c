#include "output.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/str_format.h"

#include <unistd.h>

namespace safelab::cli {

namespace {
bool stderr_is_terminal() {
  static const bool tty = isatty(STDERR_FILENO) != 0;
  return tty;
}
}  // namespace

void show_status(std::string_view line) {
  const bool tty = stderr_is_terminal();
  std::cerr << (tty ? "\r\033[K" : "") << line << (tty ? "" : "\n") << std::flush;
}

void clear_status() {
  if (stderr_is_terminal()) std::cerr << "\r\033[K" << std::flush;
}

std::vector<std::string> format_names() { return {"table", "json", "md"}; }

Format parse_format(std::string_view word) {
  if (word == "json") return Format::json;
  if (word == "md") return Format::md;
  return Format::table;
}

namespace {

std::string md_escape(const std::string& cell) {
  std::string out;
  for (char c : cell) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void Table::render(std::ostream& out, Format format) const {
  if (format == Format::md) {
    auto line = [&](const std::vector<std::string>& cells) {
      out << "|";
      for (const std::string& c : cells) out << " " << md_escape(c) << " |";
      out << "\n";
    };
    line(header_);
    out << "|";
    for (std::size_t i = 0; i < header_.size(); ++i) out << "---|";
    out << "\n";
    for (const auto& row : rows_) line(row);
    return;
  }
  std::vector<std::size_t> width(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], cells[i].size());
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      text += cells[i];
      if (i + 1 < cells.size()) text += std::string(width[i] - cells[i].size() + 2, ' ');
    }
    out << text << "\n";
  };
  line(header_);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const auto& row : rows_) line(row);
}

void print_json(std::ostream& out, const Json& doc) {
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

std::string human_duration(double ns) {
  if (ns < 1e3) return absl::StrFormat("%.0f ns", ns);
  if (ns < 1e6) return absl::StrFormat("%.1f us", ns / 1e3);
  if (ns < 1e9) return absl::StrFormat("%.1f ms", ns / 1e6);
  return absl::StrFormat("%.2f s", ns / 1e9);
}

}  // namespace safelab::cli
