// src/pairs/memory/vector_iterate.h
//
// Topic `vector_iterate`: for every item of a work list that is divisible by
// three, append item / 3 to the same list — once per *original* item (the
// appended items are not themselves processed). Appending while iterating is
// the classic iterator-invalidation bug: the append may reallocate the
// storage the loop is walking.
#ifndef SAFELAB_PAIRS_MEMORY_VECTOR_ITERATE_H_
#define SAFELAB_PAIRS_MEMORY_VECTOR_ITERATE_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct VectorIterateInput {
  std::vector<std::int64_t> items;  // items[0] is divisible by three
};

struct VectorIterateOutput {
  std::uint64_t size = 0;
  std::int64_t sum = 0;
};

// The rule every variant applies to the original items.
constexpr bool spawns(std::int64_t item) { return item % 3 == 0; }
constexpr std::int64_t spawned(std::int64_t item) { return item / 3; }

// ConcurrentModificationError
//
// What the python variant's checked list raises when it is appended to
// during iteration: Python raises `RuntimeError: dictionary changed size
// during iteration` for a dict (a list, surprisingly, just keeps going).
struct ConcurrentModificationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct VectorIterate {
  static constexpr std::string_view name = "vector_iterate";
  static constexpr std::string_view summary =
      "append to a list while iterating it: copy, index/collect, or a dangling iterator";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::memory;
  static constexpr catalog::Params defaults{.threads = 1, .size = 10'000, .seed = 1};

  using Input = VectorIterateInput;
  using Output = VectorIterateOutput;

  static Input make_input(const catalog::Params& p);  // size = number of items
  static Output reference(const Input& in);
  static std::string show(const Output& out);
};

VectorIterateOutput vector_iterate_python(const VectorIterateInput& in);
VectorIterateOutput vector_iterate_python_checked(const VectorIterateInput& in);
VectorIterateOutput vector_iterate_rust(const VectorIterateInput& in);
VectorIterateOutput vector_iterate_unsafe(const VectorIterateInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_MEMORY_VECTOR_ITERATE_H_
