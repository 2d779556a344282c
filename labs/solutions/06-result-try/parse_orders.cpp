// Lab 06, reference solution: every Result is either used or propagated.
// A lambda per line lets SAFELAB_TRY (Rust's `?`) return the first error,
// and the caller adds the line number as context on the way out.
#include "parse_orders.h"

#include "safelab/err/checked.h"
#include "safelab/err/try.h"

namespace lab06 {

safelab::err::Result<Order, safelab::err::Error> parse_order(std::string_view line) {
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
  return Order{std::string(line.substr(0, comma)), *quantity};
}

safelab::err::Result<void, safelab::err::Error> check_quantity(std::int64_t quantity) {
  if (quantity < 1 || quantity > 1000) {
    return safelab::err::Err(
        safelab::err::Error(safelab::err::ErrorCode::kOutOfRange,
                            "quantity " + std::to_string(quantity) + " not in 1..1000"));
  }
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

safelab::err::Result<std::vector<Order>, safelab::err::Error> parse_orders(std::string_view text) {
  std::vector<Order> orders;
  int number = 0;
  for (std::string_view line : lines_of(text)) {
    ++number;
    auto one = [&]() -> safelab::err::Result<Order, safelab::err::Error> {
      Order order = SAFELAB_TRY(parse_order(line));
      SAFELAB_TRY(check_quantity(order.quantity));
      return order;
    }();
    if (!one)
      return safelab::err::Err(
          std::move(one).error().with_context("line " + std::to_string(number)));
    orders.push_back(*std::move(one));
  }
  return orders;
}

}  // namespace lab06
