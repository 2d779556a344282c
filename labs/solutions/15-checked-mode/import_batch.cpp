// Lab 15, reference solution: every Result is looked at, and every error
// it holds is handled: kept, with its line number, in the batch's report.
// Checking a Result and then dropping its error would satisfy checked mode
// and still lose the error; the tests catch that.
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
  std::size_t number = 0;
  for (std::string_view line : lines_of(text)) {
    ++number;
    auto added = add_line(line, stock);
    if (added) {
      ++report.added;
    } else {
      report.failures.push_back(
          std::move(added).error().with_context("line " + std::to_string(number)));
    }
  }
  return report;
}

}  // namespace lab15
