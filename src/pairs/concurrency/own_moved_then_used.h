// src/pairs/concurrency/own_moved_then_used.h
//
// Topic `moved_then_used`: T-1 producers each build `size` values in batches
// and hand every batch to one consumer, which turns the batch into prefix
// sums in place and adds up the batch totals. Each producer also keeps a
// checksum: the sum of the last raw value of each batch it sent. The answer
// is both numbers.
//
// Handing a batch over is handing over *ownership*. Rust enforces that the
// sender cannot touch a value after `send`; C++ moves leave a pointer or
// reference behind if the sender kept one, and reading through it after the
// hand-off races with the new owner.
#ifndef SAFELAB_PAIRS_CONCURRENCY_OWN_MOVED_THEN_USED_H_
#define SAFELAB_PAIRS_CONCURRENCY_OWN_MOVED_THEN_USED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct MovedThenUsedInput {
  int producers;
  std::int64_t per_producer;  // values each producer sends
};

struct MovedThenUsedOutput {
  std::int64_t total = 0;     // what the consumer added up
  std::int64_t checksum = 0;  // what the producers recorded
};

// One batch: the values producer `producer` generates for batch `index`.
// Deterministic, so the reference is computed without running any variant.
inline constexpr std::int64_t kMovedThenUsedBatch = 256;
std::vector<std::int64_t> make_batch_values(int producer, std::int64_t first, std::int64_t count);

struct MovedThenUsed {
  static constexpr std::string_view name = "moved_then_used";
  static constexpr std::string_view summary =
      "using data after handing its ownership to another thread through a channel";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 3, .size = 200'000, .seed = 1};

  using Input = MovedThenUsedInput;
  using Output = MovedThenUsedOutput;

  // threads = producers + 1 consumer; at least one producer.
  static Input make_input(const catalog::Params& p) {
    return {p.threads > 1 ? p.threads - 1 : 1, p.size};
  }
  static Output reference(const Input& in);
  static std::string show(const Output& o) {
    return "total=" + std::to_string(o.total) + " checksum=" + std::to_string(o.checksum);
  }
};

MovedThenUsedOutput moved_then_used_python(const MovedThenUsedInput& in);
MovedThenUsedOutput moved_then_used_rust(const MovedThenUsedInput& in);
MovedThenUsedOutput moved_then_used_unsafe(const MovedThenUsedInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_OWN_MOVED_THEN_USED_H_
