// src/pairs/concurrency/count_events.h
//
// Topic `count_events`: T threads scan a log of `size` event codes, each its
// own slice, and count the error events into one total. The smallest program
// with a data race in it, and the two ways Python and Rust keep it correct.
#ifndef SAFELAB_PAIRS_CONCURRENCY_COUNT_EVENTS_H_
#define SAFELAB_PAIRS_CONCURRENCY_COUNT_EVENTS_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct CountEventsInput {
  int threads;
  std::vector<std::uint32_t> codes;  // the event log, read-only while counting
};

// Whether an event code is an error event (about one in three are).
constexpr bool is_error_event(std::uint32_t code) { return code % 3 == 0; }

// The slice of `codes` that thread `index` of `threads` scans.
std::span<const std::uint32_t> slice_of(const std::vector<std::uint32_t>& codes, int threads,
                                        int index);

struct CountEvents {
  static constexpr std::string_view name = "count_events";
  static constexpr std::string_view summary =
      "threads count events into one total: a lock, ownership, or a data race";
  static constexpr std::string_view lab = "labs/01-data-race";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 2'000'000, .seed = 1};

  using Input = CountEventsInput;
  using Output = std::int64_t;

  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);  // a sequential count
  static std::string show(const Output& total) { return std::to_string(total); }
};

std::int64_t count_events_python(const CountEventsInput& in);
std::int64_t count_events_rust(const CountEventsInput& in);
std::int64_t count_events_unsafe(const CountEventsInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_COUNT_EVENTS_H_
