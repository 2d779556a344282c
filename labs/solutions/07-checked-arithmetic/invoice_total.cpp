// Lab 07, reference solution: checked_mul and checked_add return none
// instead of overflowing (Rust's checked_mul / checked_add), and and_then
// chains them, so the first overflow ends the computation with none.
#include "invoice_total.h"

#include "safelab/err/checked.h"

namespace lab07 {

safelab::err::Option<std::int64_t> invoice_total(std::span<const Line> lines) {
  std::int64_t total = 0;
  for (const Line& line : lines) {
    auto next = safelab::err::checked_mul(line.unit_price_cents, line.quantity)
                    .and_then([&](std::int64_t amount) {
                      return safelab::err::checked_add(total, amount);
                    });
    if (!next) return safelab::err::none;
    total = *next;
  }
  return total;
}

}  // namespace lab07
