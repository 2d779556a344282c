// src/cli/output.h
//
// Rendering of results in the three formats every printing subcommand takes:
//   table  aligned columns for a terminal
//   md     a GitHub-flavoured Markdown table
//   json   a stable, documented document (see README "JSON output")
//
// A command computes one model (a struct of rows) and gives it two views,
// `to_json(model)` and `to_table(model)`; render() picks one. Both views
// read the same fields, so the table and the JSON cannot disagree about
// what happened: they differ only in layout.
#ifndef SAFELAB_CLI_OUTPUT_H_
#define SAFELAB_CLI_OUTPUT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace safelab::cli {

// Objects keep insertion order: the documented key order is the order the
// command sets the keys in.
using Json = nlohmann::ordered_json;

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
  void render(std::ostream& out, Format format) const;  // REQUIRES: format is not json
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// print_json()
//
// Two-space indented, one document per line end. Bytes that are not UTF-8
// (a child's garbled output quoted in a field) become U+FFFD instead of
// aborting the whole document.
void print_json(std::ostream& out, const Json& doc);

// render()
//
// The model as JSON, or as its table in `format`.
template <class Model>
void render(std::ostream& out, Format format, const Model& model) {
  if (format == Format::json) {
    print_json(out, to_json(model));
  } else {
    to_table(model).render(out, format);
  }
}

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
