// Topic `lookup`, three ways.
//
//   python  `index.at(name)` and `prices.at(id)` throw std::out_of_range, as
//           Python's dict and list raise KeyError and IndexError; the loop
//           catches them.
//   rust    `at(index, name)` and `at(prices, id)` return Option (Rust's
//           HashMap::get and slice::get); and_then chains the two lookups.
//   unsafe  the index lookup returns std::optional and the result is
//           dereferenced without a check, then `prices[id]` is indexed
//           without one: the stale id reads past the end of the table. ASan
//           reports a heap-buffer-overflow in lookup_unsafe.
#include "lookup.h"

#include <optional>
#include <random>
#include <stdexcept>

#include "safelab/err/checked.h"

namespace safelab::pairs {
namespace {

// The index lookup an unsafe caller gets wrong: a perfectly good function.
[[gnu::noinline]] std::optional<std::size_t> find_id(
    const std::unordered_map<std::string, std::size_t>& index, const std::string& name) {
  const auto it = index.find(name);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

}  // namespace

// python: KeyError / IndexError as exceptions, caught per query.
LookupResult lookup_python(const LookupInput& in) {
  LookupResult r;
  for (const std::string& name : in.queries) {
    try {
      r.total += in.prices.at(in.index.at(name));
      ++r.found;
    } catch (const std::out_of_range&) {
      ++r.missing;
    }
  }
  return r;
}

// rust: Option from each lookup, chained.
LookupResult lookup_rust(const LookupInput& in) {
  LookupResult r;
  for (const std::string& name : in.queries) {
    err::Option<const std::int64_t&> price =
        err::at(in.index, name).and_then([&](std::size_t id) { return err::at(in.prices, id); });
    if (price) {
      r.total += *price;
      ++r.found;
    } else {
      ++r.missing;
    }
  }
  return r;
}

// unsafe: no check on either lookup. BROKEN ON PURPOSE.
[[gnu::noinline]] LookupResult lookup_unsafe(const LookupInput& in) {
  LookupResult r;
  for (const std::string& name : in.queries) {
    const std::size_t id = *find_id(in.index, name);  // <-- empty optional dereferenced
    r.total += in.prices[id];                         // <-- no bound check: stale id
    ++r.found;
  }
  return r;
}

LookupInput Lookup::make_input(const catalog::Params& p) {
  std::mt19937_64 gen(p.seed);
  const auto n = static_cast<std::size_t>(p.size);
  LookupInput in;
  in.prices.resize(n);  // exactly n: the element after the last is ASan's redzone
  for (std::size_t id = 0; id < n; ++id) {
    in.prices[id] = static_cast<std::int64_t>(gen() % 100'000) + 1;
    in.index.emplace("product-" + std::to_string(id), id);
  }
  // Discontinued products: still in the index, past the end of the table.
  for (std::size_t k = 0; k < 16; ++k) in.index.emplace("discontinued-" + std::to_string(k), n + k);

  const std::size_t queries = 2 * n;
  in.queries.reserve(queries);
  for (std::size_t q = 0; q < queries; ++q) {
    const auto roll = gen() % 20;
    if (q == 10 || (q > 20 && roll == 0)) {
      in.queries.push_back("discontinued-" + std::to_string(q == 10 ? 0 : gen() % 16));
    } else if (q > 20 && roll == 1) {
      in.queries.push_back("unknown-" + std::to_string(q));
    } else {
      const std::size_t id = gen() % n;
      in.queries.push_back("product-" + std::to_string(id));
      ++in.expected_found;
      in.expected_total += in.prices[id];
    }
  }
  return in;
}

std::string Lookup::show(const LookupResult& r) {
  return "found=" + std::to_string(r.found) + " missing=" + std::to_string(r.missing) +
         " total=" + std::to_string(r.total);
}

using namespace catalog;
SAFELAB_VARIANT(Lookup, "python", Style::python, clean(),
                "map.at / vector.at throw out_of_range (KeyError, IndexError)", lookup_python);
SAFELAB_VARIANT(Lookup, "rust", Style::rust, clean(),
                "at(map, key) and at(vector, i) return Option, chained with and_then", lookup_rust);
SAFELAB_VARIANT(Lookup, "unsafe", Style::unsafe,
                reported(Tool::asan, "heap-buffer-overflow", "lookup_unsafe"),
                "*optional without a check, then operator[] past the end", lookup_unsafe);

}  // namespace safelab::pairs
