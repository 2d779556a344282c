#include "output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

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

void write_escaped(std::ostream& out, const std::string& s) {
  out << '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out << buf;
        } else {
          out << static_cast<char>(c);
        }
    }
  }
  out << '"';
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

Json& Json::set(std::string key, Json value) {
  std::get<Object>(value_).emplace_back(std::move(key), std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  std::get<Array>(value_).push_back(std::move(value));
  return *this;
}

void Json::write(std::ostream& out, int indent) const {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  const std::string close_pad(static_cast<std::size_t>(indent), ' ');
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          out << "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out << (v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out << v;
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(v)) {
            out << "null";
          } else {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.6g", v);
            out << buf;
          }
        } else if constexpr (std::is_same_v<T, std::string>) {
          write_escaped(out, v);
        } else if constexpr (std::is_same_v<T, Object>) {
          if (v.empty()) {
            out << "{}";
            return;
          }
          out << "{\n";
          for (std::size_t i = 0; i < v.size(); ++i) {
            out << pad;
            write_escaped(out, v[i].first);
            out << ": ";
            v[i].second.write(out, indent + 2);
            out << (i + 1 < v.size() ? ",\n" : "\n");
          }
          out << close_pad << "}";
        } else {
          if (v.empty()) {
            out << "[]";
            return;
          }
          out << "[\n";
          for (std::size_t i = 0; i < v.size(); ++i) {
            out << pad;
            v[i].write(out, indent + 2);
            out << (i + 1 < v.size() ? ",\n" : "\n");
          }
          out << close_pad << "]";
        }
      },
      value_);
}

std::string human_duration(double ns) {
  char buf[32];
  if (ns < 1e3) {
    std::snprintf(buf, sizeof buf, "%.0f ns", ns);
  } else if (ns < 1e6) {
    std::snprintf(buf, sizeof buf, "%.1f us", ns / 1e3);
  } else if (ns < 1e9) {
    std::snprintf(buf, sizeof buf, "%.1f ms", ns / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f s", ns / 1e9);
  }
  return buf;
}

}  // namespace safelab::cli
