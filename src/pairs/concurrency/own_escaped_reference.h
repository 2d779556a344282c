// src/pairs/concurrency/own_escaped_reference.h
//
// Topic `escaped_reference`: T threads each add 1 to every counter of a
// shared table, `kPasses` times; once, before the passes, thread 0 compacts
// the table (copies it into a fresh allocation, as a rehash or a
// shrink-to-fit does). The answer is the sum of the table.
//
// The lock that owns its data (own::Mutex<T>) makes unlocked access
// impossible to *write* by accident, but C++ cannot stop a reference or
// pointer obtained through a guard from outliving it. This topic shows the
// two ways that happens and what the sanitizers say about each.
#ifndef SAFELAB_PAIRS_CONCURRENCY_OWN_ESCAPED_REFERENCE_H_
#define SAFELAB_PAIRS_CONCURRENCY_OWN_ESCAPED_REFERENCE_H_

#include <cstdint>
#include <string>

#include "../catalog.h"

namespace safelab::pairs {

struct EscapedReferenceInput {
  int threads;
  std::int64_t counters;
};

struct EscapedReference {
  static constexpr std::string_view name = "escaped_reference";
  static constexpr std::string_view summary =
      "a reference escaping a lock guard: range-for temporary, cached pointer";
  static constexpr std::string_view lab = "labs/03-escaped-reference";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 4096, .seed = 1};
  static constexpr int kPasses = 64;

  using Input = EscapedReferenceInput;
  using Output = std::int64_t;

  static Input make_input(const catalog::Params& p) { return {p.threads, p.size}; }
  static Output reference(const Input& in) { return in.threads * in.counters * kPasses; }
  static std::string show(const Output& sum) { return std::to_string(sum); }
};

std::int64_t escaped_reference_python(const EscapedReferenceInput& in);
std::int64_t escaped_reference_rust(const EscapedReferenceInput& in);
std::int64_t escaped_reference_unsafe(const EscapedReferenceInput& in);
std::int64_t escaped_reference_unsafe_pointer(const EscapedReferenceInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_OWN_ESCAPED_REFERENCE_H_
