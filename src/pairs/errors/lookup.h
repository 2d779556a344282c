// src/pairs/errors/lookup.h
//
// Topic `lookup`: price a list of product names through an index (name ->
// product id) into a price table (id -> price). Two things can be missing:
// a name the index does not know, and an id the index still has but the
// price table no longer covers (a discontinued product: a stale index).
// Every variant returns the sum of the prices found and the number of
// queries that found none.
#ifndef SAFELAB_PAIRS_ERRORS_LOOKUP_H_
#define SAFELAB_PAIRS_ERRORS_LOOKUP_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct LookupInput {
  std::vector<std::int64_t> prices;                    // by product id
  std::unordered_map<std::string, std::size_t> index;  // name -> id (some stale)
  std::vector<std::string> queries;
  std::int64_t expected_found = 0;  // what the generator put in
  std::int64_t expected_total = 0;
};

struct LookupResult {
  std::int64_t found = 0;
  std::int64_t missing = 0;
  std::int64_t total = 0;
  friend bool operator==(const LookupResult&, const LookupResult&) = default;
};

struct Lookup {
  static constexpr std::string_view name = "lookup";
  static constexpr std::string_view summary =
      "look up names and ids that may be missing: Option, exceptions, or unchecked access";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::errors;
  static constexpr catalog::Params defaults{.threads = 1, .size = 10'000, .seed = 1};

  using Input = LookupInput;
  using Output = LookupResult;

  // `size` products, 2*size queries: about 1 in 20 names unknown, 1 in 20
  // stale. The first stale query (index 10) comes before any unknown name,
  // and its id is exactly prices.size().
  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in) {
    const auto n = static_cast<std::int64_t>(in.queries.size());
    return {in.expected_found, n - in.expected_found, in.expected_total};
  }
  static std::string show(const Output& r);
};

LookupResult lookup_python(const LookupInput& in);
LookupResult lookup_rust(const LookupInput& in);
LookupResult lookup_unsafe(const LookupInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_ERRORS_LOOKUP_H_
