// labs/07-checked-arithmetic/invoice_total.h (do not edit: shared by the
// tests and the solution)
#ifndef SAFELAB_LABS_07_INVOICE_TOTAL_H_
#define SAFELAB_LABS_07_INVOICE_TOTAL_H_

#include <cstdint>
#include <span>

#include "safelab/err/option.h"

namespace lab07 {

struct Line {
  std::int64_t unit_price_cents = 0;
  std::int64_t quantity = 0;
};

// invoice_total()
//
// The sum of unit_price_cents * quantity over the lines, in cents; none if
// any product or the sum does not fit in an int64_t (a total that silently
// wraps around would bill a customer a negative amount).
safelab::err::Option<std::int64_t> invoice_total(std::span<const Line> lines);

}  // namespace lab07

#endif  // SAFELAB_LABS_07_INVOICE_TOTAL_H_
