// Wrong fix for lab 13: no exceptions any more, but value_or(0) counts a bad
// field as a zero reading: the failure is swallowed as surely as by
// catch (...), only without the cost.
// EXPECT: lab 13 teaches failures as values (err::Result)
#include "readings.h"

namespace lab13 {
namespace {

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
  for (std::string_view field : fields_of(line)) {
    total += safelab::err::parse<std::int32_t>(field).value_or(0);
  }
  return total;
}

}  // namespace lab13
