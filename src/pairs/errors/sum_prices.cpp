// Topic `sum_prices`, three ways.
//
//   python  Python's int never overflows: the sum is exact. The overflow
//           shows up only when the exact total is handed to something of
//           fixed width (a BIGINT column, numpy.int64), which raises
//           OverflowError. Here: exact arithmetic in __int128 (exact for any
//           input a 64-bit order book can hold, up to 2^127), then a checked
//           conversion that throws std::overflow_error, caught at the edge.
//   rust    checked_mul / checked_add return Option; the first overflow is a
//           value the caller must look at (Rust's checked_* in release
//           builds, where plain `+` would wrap silently).
//   unsafe  plain int64_t arithmetic. Signed overflow is undefined
//           behaviour; UBSan reports "signed-integer-overflow" in
//           sum_prices_unsafe. Without UBSan the total silently wraps.
#include "sum_prices.h"

#include <limits>
#include <random>
#include <stdexcept>

#include "safelab/err/checked.h"

namespace safelab::pairs {
namespace {

// A 128-bit integer: a GCC/Clang extension (__extension__ keeps -Wpedantic
// quiet).
__extension__ typedef __int128 Int128;

// Python's OverflowError when converting an exact int to a C int64.
std::int64_t to_int64_or_throw(Int128 v) {
  if (v > std::numeric_limits<std::int64_t>::max() ||
      v < std::numeric_limits<std::int64_t>::min()) {
    throw std::overflow_error("Python int too large to convert to C long");
  }
  return static_cast<std::int64_t>(v);
}

Int128 exact_total_or_throw(const SumPricesInput& in) {
  Int128 total = 0;
  for (const Order& o : in.orders) {
    const Int128 line = static_cast<Int128>(o.price_cents) * o.quantity;  // < 2^126
    if (__builtin_add_overflow(total, line, &total)) {
      throw std::overflow_error("order book total exceeds 2^127");
    }
  }
  return total;
}

}  // namespace

// python: exact arithmetic, OverflowError at the fixed-width edge.
PriceTotal sum_prices_python(const SumPricesInput& in) {
  try {
    return {false, to_int64_or_throw(exact_total_or_throw(in))};
  } catch (const std::overflow_error&) {
    return {true, 0};
  }
}

// rust: every operation checked; overflow is a value.
PriceTotal sum_prices_rust(const SumPricesInput& in) {
  err::Option<std::int64_t> total = std::int64_t{0};
  for (const Order& o : in.orders) {
    total = total.and_then([&](std::int64_t t) {
      return err::checked_mul(o.price_cents, o.quantity).and_then([&](std::int64_t line) {
        return err::checked_add(t, line);
      });
    });
    if (!total) return {true, 0};
  }
  return {false, *total};
}

// unsafe: plain signed arithmetic. BROKEN ON PURPOSE.
[[gnu::noinline]] PriceTotal sum_prices_unsafe(const SumPricesInput& in) {
  std::int64_t total = 0;
  for (const Order& o : in.orders) {
    total += o.price_cents * o.quantity;  // <-- signed overflow: undefined behaviour
  }
  return {false, total};
}

SumPricesInput SumPrices::make_input(const catalog::Params& p) {
  std::mt19937_64 gen(p.seed);
  SumPricesInput in;
  in.orders.reserve(static_cast<std::size_t>(p.size) + 1);
  for (std::int64_t i = 0; i < p.size; ++i) {
    in.orders.push_back({static_cast<std::int64_t>(gen() % 100'000) + 1,
                         static_cast<std::int64_t>(gen() % 1'000) + 1});
  }
  // The untrusted order: 4e15 units at $50.00. Each factor fits easily; the
  // product (2e19) does not fit an int64_t (max 9.2e18).
  in.orders.push_back({5'000, 4'000'000'000'000'000});
  return in;
}

PriceTotal SumPrices::reference(const SumPricesInput& in) {
  Int128 total = 0;
  for (const Order& o : in.orders) total += static_cast<Int128>(o.price_cents) * o.quantity;
  if (total > std::numeric_limits<std::int64_t>::max()) return {true, 0};
  return {false, static_cast<std::int64_t>(total)};
}

std::string SumPrices::show(const PriceTotal& t) {
  return t.overflow ? std::string("overflow") : "total=" + std::to_string(t.total);
}

using namespace catalog;
SAFELAB_VARIANT(SumPrices, "python", Style::python, clean(),
                "exact (big-int-like) sum; OverflowError when it meets int64", sum_prices_python);
SAFELAB_VARIANT(SumPrices, "rust", Style::rust, clean(),
                "checked_mul / checked_add: overflow is an Option to look at", sum_prices_rust);
SAFELAB_VARIANT(SumPrices, "unsafe", Style::unsafe,
                reported(Tool::ubsan, "signed-integer-overflow", "sum_prices_unsafe"),
                "plain int64_t arithmetic: signed overflow is undefined", sum_prices_unsafe);

}  // namespace safelab::pairs
