// Wrong fix for lab 13: the catch (...) goes, so nothing is swallowed any
// more; the exception now escapes to a caller whose signature promised a
// Result.
// EXPECT: lab 13 teaches failures as values (err::Result)
#include "readings.h"

#include <stdexcept>
#include <string>

namespace lab13 {
namespace {

// The Python way: a field that is not a number raises, as int("4x2") raises
// ValueError.
struct BadReading : std::runtime_error {
  explicit BadReading(safelab::err::ParseError e) : std::runtime_error(e.message()), error(e) {}
  safelab::err::ParseError error;
};

std::int32_t parse_or_throw(std::string_view field) {
  auto reading = safelab::err::parse<std::int32_t>(field);
  if (!reading) throw BadReading(reading.error());
  return *reading;
}

// The fields of `line` between its commas ("" has none).
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  while (!line.empty()) {
    const std::size_t comma = line.find(',');
    fields.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
    if (line.empty()) fields.emplace_back();  // "1," ends with an empty field
  }
  return fields;
}

}  // namespace

safelab::err::Result<std::int64_t, std::vector<BadField>> total_readings(std::string_view line) {
  std::int64_t total = 0;
  for (std::string_view field : fields_of(line)) total += parse_or_throw(field);
  return total;
}

}  // namespace lab13
