// Topic `count_events`, three ways. Every variant scans the same slices of
// the same log; they differ only in how the counts meet.
//
//   python  every increment takes one global lock, as every bytecode of a
//           CPython thread runs under the GIL: correct, and no faster with
//           more threads.
//   rust    each thread owns its own count and hands it back when it is
//           joined; nothing is shared while the threads run, so there is
//           nothing to lock (what `thread::scope` + `join()` gives in Rust).
//   unsafe  every thread increments one shared plain integer: a data race.
//           Increments are lost, and ThreadSanitizer reports
//           "data race" in count_events_unsafe.
#include "count_events.h"

#include <algorithm>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "../race_barrier.h"

namespace safelab::pairs {

CountEventsInput CountEvents::make_input(const catalog::Params& p) {
  std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
  std::vector<std::uint32_t> codes(static_cast<std::size_t>(p.size));
  for (std::uint32_t& c : codes) c = gen();
  return {p.threads, std::move(codes)};
}

std::int64_t CountEvents::reference(const CountEventsInput& in) {
  return std::count_if(in.codes.begin(), in.codes.end(), is_error_event);
}

std::span<const std::uint32_t> slice_of(const std::vector<std::uint32_t>& codes, int threads,
                                        int index) {
  const std::size_t n = codes.size();
  const auto t = static_cast<std::size_t>(threads);
  const auto i = static_cast<std::size_t>(index);
  return std::span(codes).subspan(n * i / t, n * (i + 1) / t - n * i / t);
}

// python: one lock around every shared update, like the GIL.
std::int64_t count_events_python(const CountEventsInput& in) {
  std::mutex global_lock;
  std::int64_t total = 0;
  std::vector<std::jthread> threads;
  for (int t = 0; t < in.threads; ++t) {
    threads.emplace_back([&, slice = slice_of(in.codes, in.threads, t)] {
      for (std::uint32_t code : slice) {
        if (!is_error_event(code)) continue;
        std::lock_guard hold(global_lock);
        ++total;
      }
    });
  }
  threads.clear();  // joins
  return total;
}

// rust: each thread owns its count; the counts move back through join.
std::int64_t count_events_rust(const CountEventsInput& in) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(in.threads), 0);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      // Each thread has exclusive use of one slot, and writes it once at the
      // end: no two threads touch the same memory until the join publishes
      // the slots.
      threads.emplace_back(
          [&slot = counts[static_cast<std::size_t>(t)], slice = slice_of(in.codes, in.threads, t)] {
            slot = std::count_if(slice.begin(), slice.end(), is_error_event);
          });
    }
  }  // joins
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += c;
  return total;
}

// unsafe: one shared counter, no synchronisation. BROKEN ON PURPOSE.
[[gnu::noinline]] std::int64_t count_events_unsafe(const CountEventsInput& in) {
  // volatile keeps the compiler from turning the loop into one addition per
  // thread: the lost updates show in the result, not only in TSan's report.
  volatile std::int64_t total = 0;
  RaceBarrier start(static_cast<std::uint32_t>(in.threads));
  std::vector<std::jthread> threads;
  for (int t = 0; t < in.threads; ++t) {
    threads.emplace_back([&, slice = slice_of(in.codes, in.threads, t)] {
      start.wait();  // every thread starts counting at the same moment
      for (std::uint32_t code : slice) {
        if (is_error_event(code)) {
          total = total + 1;  // <-- the race: read, add, write, unsynchronised
        }
      }
    });
  }
  threads.clear();
  return total;
}

using namespace catalog;
SAFELAB_VARIANT(CountEvents, "python", Style::python, clean(),
                "one global lock around every increment (the GIL's shape)", count_events_python);
SAFELAB_VARIANT(CountEvents, "rust", Style::rust, clean(),
                "each thread owns its count; totals move back on join", count_events_rust);
SAFELAB_VARIANT(CountEvents, "unsafe", Style::unsafe,
                reported(Tool::tsan, "data race", "count_events_unsafe"),
                "one shared plain integer incremented by every thread", count_events_unsafe);
// GUARDED_BY data touched without its lock does not compile under Clang.
SAFELAB_STATIC_CHECK(CountEvents, Tool::clang_thread_safety, "own_unguarded_access");

}  // namespace safelab::pairs
