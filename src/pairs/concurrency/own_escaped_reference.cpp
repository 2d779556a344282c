// Topic `escaped_reference`, four ways. Every variant runs the same threads:
// thread 0 compacts the table, everyone waits for that, then each thread
// makes kPasses passes adding 1 to every counter.
//
//   python          one global lock (the GIL's shape) around each pass over
//                   a plain vector: correct, serial.
//   rust            own::Mutex<std::vector>: each pass holds a *named* guard
//                   for the whole loop. Correct.
//   unsafe          `for (auto& c : *table.lock())`: the guard is a temporary
//                   of the range expression and dies before the loop body
//                   runs (C++20 [stmt.ranged]; C++23's P2718 extends its
//                   life). Every increment is unlocked: ThreadSanitizer
//                   reports "data race" in escaped_reference_unsafe.
//   unsafe-pointer  each thread caches `table.lock()->data()` and later uses
//                   it under a fresh guard. The lock is held, but the pointer
//                   predates thread 0's compaction, which freed that buffer:
//                   AddressSanitizer reports "heap-use-after-free" in
//                   escaped_reference_unsafe_pointer.
//
// Rust rejects both at compile time: a borrow of the guard cannot outlive it.
#include "own_escaped_reference.h"

#include <barrier>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "../race_barrier.h"
#include "safelab/own/mutex.h"
#include "safelab/own/scope.h"

namespace safelab::pairs {
namespace {

using Table = std::vector<std::int64_t>;

// Copies the table into a fresh allocation and frees the old one, as a
// rehash would: every pointer into the old buffer dangles afterwards.
void compact(Table& table) { Table(table.begin(), table.end()).swap(table); }

}  // namespace

// python: one lock around every pass, like the GIL around the bytecode.
std::int64_t escaped_reference_python(const EscapedReferenceInput& in) {
  std::mutex global_lock;
  Table table(static_cast<std::size_t>(in.counters), 0);
  std::barrier<> compacted(in.threads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, t] {
        if (t == 0) {
          std::lock_guard hold(global_lock);
          compact(table);
        }
        compacted.arrive_and_wait();
        for (int pass = 0; pass < EscapedReference::kPasses; ++pass) {
          std::lock_guard hold(global_lock);
          for (std::int64_t& c : table) ++c;
        }
      });
    }
  }
  std::int64_t sum = 0;
  for (std::int64_t c : table) sum += c;
  return sum;
}

// rust: the guard has a name, so it lives until the end of the pass.
std::int64_t escaped_reference_rust(const EscapedReferenceInput& in) {
  own::Mutex<Table> table(Table(static_cast<std::size_t>(in.counters), 0));
  std::barrier<> compacted(in.threads);
  own::scope([&](own::Scope& s) {
    for (int t = 0; t < in.threads; ++t) {
      s.spawn([&, t] {
        if (t == 0) compact(*table.lock());
        compacted.arrive_and_wait();
        for (int pass = 0; pass < EscapedReference::kPasses; ++pass) {
          auto guard = table.lock();  // held until the closing brace
          for (std::int64_t& c : *guard) ++c;
        }
      });
    }
  });
  return table.with([](const Table& v) {
    std::int64_t sum = 0;
    for (std::int64_t c : v) sum += c;
    return sum;
  });
}

// unsafe: the range-for temporary-guard trap. BROKEN ON PURPOSE.
[[gnu::noinline]] std::int64_t escaped_reference_unsafe(const EscapedReferenceInput& in) {
  own::Mutex<Table> table(Table(static_cast<std::size_t>(in.counters), 0));
  RaceBarrier compacted(static_cast<std::uint32_t>(in.threads));
  own::scope([&](own::Scope& s) {
    for (int t = 0; t < in.threads; ++t) {
      s.spawn([&, t] {
        if (t == 0) compact(*table.lock());
        compacted.wait();  // every thread starts its passes together
        for (int pass = 0; pass < EscapedReference::kPasses; ++pass) {
// The bug on purpose. Clang sees it (the guard's `*` is lifetimebound, so
// -Wdangling fires); the twin must still build for the sanitizers to judge it.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdangling"
#endif
          for (std::int64_t& c : *table.lock()) ++c;  // <-- guard already gone
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
        }
      });
    }
  });
  return table.with([](const Table& v) {
    std::int64_t sum = 0;
    for (std::int64_t c : v) sum += c;
    return sum;
  });
}

// unsafe-pointer: a pointer taken through one guard, used under another,
// after the buffer it points into was freed. BROKEN ON PURPOSE.
[[gnu::noinline]] std::int64_t escaped_reference_unsafe_pointer(const EscapedReferenceInput& in) {
  own::Mutex<Table> table(Table(static_cast<std::size_t>(in.counters), 0));
  RaceBarrier cached(static_cast<std::uint32_t>(in.threads));
  RaceBarrier compacted(static_cast<std::uint32_t>(in.threads));
  const auto n = static_cast<std::size_t>(in.counters);
  own::scope([&](own::Scope& s) {
    for (int t = 0; t < in.threads; ++t) {
      s.spawn([&, t] {
        std::int64_t* cells = table.lock()->data();  // <-- escapes its guard
        cached.wait();                               // every thread has one
        if (t == 0) compact(*table.lock());          // frees what `cells` points to
        compacted.wait();
        for (int pass = 0; pass < EscapedReference::kPasses; ++pass) {
          auto guard = table.lock();  // locked, but too late
          for (std::size_t i = 0; i < n; ++i) ++cells[i];
        }
      });
    }
  });
  return table.with([](const Table& v) {
    std::int64_t sum = 0;
    for (std::int64_t c : v) sum += c;
    return sum;
  });
}

using namespace catalog;
SAFELAB_VARIANT(EscapedReference, "python", Style::python, clean(),
                "one global lock around each pass over a plain vector", escaped_reference_python);
SAFELAB_VARIANT(EscapedReference, "rust", Style::rust, clean(),
                "own::Mutex<vector> with a named guard alive for the whole pass",
                escaped_reference_rust);
SAFELAB_VARIANT(EscapedReference, "unsafe", Style::unsafe,
                reported(Tool::tsan, "data race", "escaped_reference_unsafe"),
                "for (auto& c : *m.lock()): the temporary guard dies before the body",
                escaped_reference_unsafe);
SAFELAB_VARIANT(EscapedReference, "unsafe-pointer", Style::unsafe,
                reported(Tool::asan, "heap-use-after-free", "escaped_reference_unsafe_pointer"),
                "a pointer cached through one guard, used after a compaction freed it",
                escaped_reference_unsafe_pointer);
// Mutex<T>::with() refuses a callable that returns a reference into the data.
SAFELAB_STATIC_CHECK(EscapedReference, Tool::cxx_types, "own_with_returns_reference");

}  // namespace safelab::pairs
