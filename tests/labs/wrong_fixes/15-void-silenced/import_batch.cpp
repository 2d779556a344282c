// Wrong fix for lab 15: `(void)` on the call. The compiler stops asking,
// but the Result still holds the error: checked mode still aborts, and in a
// build without it the batch silently reports nothing.
// EXPECT: lab 15 teaches handling or propagating every error
#include "import_batch.h"

#include "safelab/err/checked.h"

namespace lab15 {

safelab::err::Result<void, safelab::err::Error> add_line(std::string_view line, Stock& stock) {
  const std::size_t comma = line.find(',');
  if (comma == std::string_view::npos || comma == 0) {
    return safelab::err::Err(
        safelab::err::Error(safelab::err::ErrorCode::kInvalidArgument,
                            "expected \"item,quantity\", got \"" + std::string(line) + "\""));
  }
  auto quantity = safelab::err::parse<std::int64_t>(line.substr(comma + 1));
  if (!quantity) {
    return safelab::err::Err(
        safelab::err::Error(safelab::err::ErrorCode::kInvalidArgument,
                            "bad quantity \"" + std::string(line.substr(comma + 1)) + "\""));
  }
  stock[std::string(line.substr(0, comma))] += *quantity;
  return safelab::err::Ok();
}

// The lines of `text`, without their newlines.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return out;
}

BatchReport import_batch(std::string_view text, Stock& stock) {
  BatchReport report;
  for (std::string_view line : lines_of(text)) {
    (void)add_line(line, stock);
    ++report.added;
  }
  return report;
}

}  // namespace lab15
