// src/cli/output.h
//
// Rendering of results in the three formats every printing subcommand takes:
//   table  aligned columns for a terminal
//   md     a GitHub-flavoured Markdown table
//   json   a stable, documented document (see README "JSON output")
#ifndef SAFELAB_CLI_OUTPUT_H_
#define SAFELAB_CLI_OUTPUT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace safelab::cli {

enum class Format { table, md, json };

// The valid --format words, in the order help text lists them.
std::vector<std::string> format_names();
Format parse_format(std::string_view word);  // REQUIRES: word is in format_names()

// Table
//
// Rows of strings under a header; render() prints it as `table` or `md`.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void render(std::ostream& out, Format format) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Json
//
// A minimal JSON value builder: objects keep insertion order so the output is
// stable and diffable.
class Json {
 public:
  using Number = double;
  Json() : value_(nullptr) {}
  Json(std::nullptr_t) : value_(nullptr) {}
  Json(bool b) : value_(b) {}
  Json(int i) : value_(static_cast<std::int64_t>(i)) {}
  Json(std::int64_t i) : value_(i) {}
  Json(double d) : value_(d) {}
  Json(const char* s) : value_(std::string(s)) {}
  Json(std::string s) : value_(std::move(s)) {}
  Json(std::string_view s) : value_(std::string(s)) {}

  static Json object() { return Json(Object{}); }
  static Json array() { return Json(Array{}); }

  // Object member / array element. REQUIRES: this is an object / array.
  Json& set(std::string key, Json value);
  Json& push(Json value);

  void write(std::ostream& out, int indent = 0) const;

 private:
  using Object = std::vector<std::pair<std::string, Json>>;
  using Array = std::vector<Json>;
  explicit Json(Object o) : value_(std::move(o)) {}
  explicit Json(Array a) : value_(std::move(a)) {}
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Object, Array> value_;
};

// show_status()
//
// Shows one line of progress on stderr: rewritten in place on a terminal,
// one line per update otherwise (a log or CI keeps every step).
void show_status(std::string_view line);

// clear_status()
//
// Erases the progress line on a terminal; nothing otherwise.
void clear_status();

// Formats a duration in the unit that reads best: "812 ns", "3.4 ms", "1.20 s".
std::string human_duration(double nanoseconds);

}  // namespace safelab::cli

#endif  // SAFELAB_CLI_OUTPUT_H_
