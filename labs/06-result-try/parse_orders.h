// labs/06-result-try/parse_orders.h (do not edit: shared by the tests and
// the solution)
#ifndef SAFELAB_LABS_06_PARSE_ORDERS_H_
#define SAFELAB_LABS_06_PARSE_ORDERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "safelab/err/error.h"
#include "safelab/err/result.h"

namespace lab06 {

struct Order {
  std::string item;
  std::int64_t quantity = 0;
  friend bool operator==(const Order&, const Order&) = default;
};

// parse_order(): one line "item,quantity". Errors: kInvalidArgument (no
// comma, empty item), or the quantity's parse error as kInvalidArgument.
safelab::err::Result<Order, safelab::err::Error> parse_order(std::string_view line);

// check_quantity(): Errors: kOutOfRange unless 1 <= quantity <= 1000.
safelab::err::Result<void, safelab::err::Error> check_quantity(std::int64_t quantity);

// parse_orders()
//
// Parses one order per line (a trailing newline is fine) and checks each
// quantity. The first bad line's error is returned, its message prefixed
// with "line N: " (1-based).
safelab::err::Result<std::vector<Order>, safelab::err::Error> parse_orders(std::string_view text);

}  // namespace lab06

#endif  // SAFELAB_LABS_06_PARSE_ORDERS_H_
