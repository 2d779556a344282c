// Lab 13, reference solution: a bad field is an expected failure, so it
// travels as a value. parse<int32_t>() already returns one (kind and
// position); the loop keeps every error instead of throwing, and the caller
// gets them all in the Result. No unwinding, nothing to swallow, and the
// signature says what can go wrong (Rust's `Result<i64, Vec<BadField>>`).
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
  std::vector<BadField> bad;
  const std::vector<std::string_view> fields = fields_of(line);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    auto reading = safelab::err::parse<std::int32_t>(fields[i]);
    if (reading) {
      total += *reading;
    } else {
      bad.push_back(BadField{i, reading.error()});
    }
  }
  if (!bad.empty()) return safelab::err::Err(std::move(bad));
  return total;
}

}  // namespace lab13
