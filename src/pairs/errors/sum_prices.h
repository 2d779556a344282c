// src/pairs/errors/sum_prices.h
//
// Topic `sum_prices`: the total of an order book, price x quantity summed,
// where the prices and quantities come from outside (untrusted) and one
// order is absurd enough to overflow 64 bits.
//
// Every variant returns the exact total, or says "overflow" when the exact
// total does not fit an int64_t. Prices and quantities are non-negative, so
// an intermediate overflow means the final total overflows too, and the
// variants agree.
#ifndef SAFELAB_PAIRS_ERRORS_SUM_PRICES_H_
#define SAFELAB_PAIRS_ERRORS_SUM_PRICES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct Order {
  std::int64_t price_cents = 0;  // >= 0
  std::int64_t quantity = 0;     // >= 0
};

struct SumPricesInput {
  std::vector<Order> orders;
};

struct PriceTotal {
  bool overflow = false;
  std::int64_t total = 0;  // meaningful when !overflow
  friend bool operator==(const PriceTotal&, const PriceTotal&) = default;
};

struct SumPrices {
  static constexpr std::string_view name = "sum_prices";
  static constexpr std::string_view summary =
      "sum untrusted price x quantity: checked arithmetic, an exception, or signed overflow";
  static constexpr std::string_view lab = "labs/07-checked-arithmetic";
  static constexpr catalog::Family family = catalog::Family::errors;
  static constexpr catalog::Params defaults{.threads = 1, .size = 100'000, .seed = 1};

  using Input = SumPricesInput;
  using Output = PriceTotal;

  // `size` ordinary orders, then one whose price x quantity is ~2e19.
  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);  // exact, in __int128
  static std::string show(const Output& t);
};

PriceTotal sum_prices_python(const SumPricesInput& in);
PriceTotal sum_prices_rust(const SumPricesInput& in);
PriceTotal sum_prices_unsafe(const SumPricesInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_ERRORS_SUM_PRICES_H_
