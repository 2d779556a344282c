// Topic `lazy_init`, three ways: T threads answer `size` lookups from one
// table that is expensive to build, so it is built on first use, once, by
// whichever thread needs it first. The lesson is *publication*: handing a
// freshly built object to other threads.
//
//   python  every lookup runs under one global lock, as every bytecode runs
//           under the GIL: "if table is None: table = build()" is then safe
//           (if serial).
//   rust    std::call_once on a std::once_flag: Rust's OnceLock::get_or_init.
//           The first caller builds; every other caller waits for it and
//           then *sees* the built table, because call_once orders the build
//           before every return from it.
//   unsafe  double-checked locking with a plain pointer: check without the
//           lock, lock, check again, build, publish. The unlocked first
//           check reads a pointer another thread writes: a data race. On
//           x86 it "works" most days, but nothing stops the compiler or the
//           CPU from making the pointer visible before the table it points
//           to is filled in. ThreadSanitizer reports "data race" in
//           lazy_init_unsafe. (A std::atomic pointer with release/acquire
//           would fix it; Rust does not let you write the broken one.)
//
// A topic needs no header when nothing but the catalog names it: the tests,
// the benchmarks, the tour and the verdict runner all find it there.
#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "../catalog.h"
#include "../race_barrier.h"

namespace safelab::pairs {
namespace {

constexpr std::size_t kTableSize = 1 << 16;
using Table = std::array<std::uint32_t, kTableSize>;

struct LazyInitInput {
  int threads;
  std::vector<std::uint32_t> keys;  // one lookup each
};

// The expensive thing worth building lazily: a mixing function tabulated.
Table build_table() {
  Table t{};
  for (std::size_t i = 0; i < kTableSize; ++i) {
    std::uint32_t x = static_cast<std::uint32_t>(i) * 0x9E3779B9u;
    x ^= x >> 15;
    x *= 0x2C1B3C6Du;
    t[i] = (x ^ (x >> 12)) & 0xFFFF;
  }
  return t;
}

std::span<const std::uint32_t> slice(const LazyInitInput& in, int index) {
  const std::size_t n = in.keys.size();
  const auto t = static_cast<std::size_t>(in.threads);
  const auto i = static_cast<std::size_t>(index);
  return std::span(in.keys).subspan(n * i / t, n * (i + 1) / t - n * i / t);
}

std::uint64_t sum_lookups(const Table& table, std::span<const std::uint32_t> keys) {
  std::uint64_t sum = 0;
  for (std::uint32_t k : keys) sum += table[k % kTableSize];
  return sum;
}

struct LazyInit {
  static constexpr std::string_view name = "lazy_init";
  static constexpr std::string_view summary =
      "threads share a table built on first use: a lock, call_once, or double-checked locking";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 1'000'000, .seed = 1};

  using Input = LazyInitInput;
  using Output = std::uint64_t;

  static Input make_input(const catalog::Params& p) {
    std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
    std::vector<std::uint32_t> keys(static_cast<std::size_t>(p.size));
    for (std::uint32_t& k : keys) k = gen();
    return {p.threads, std::move(keys)};
  }
  // Built eagerly, summed sequentially: no laziness to get wrong.
  static Output reference(const Input& in) { return sum_lookups(build_table(), in.keys); }
  static std::string show(const Output& sum) { return std::to_string(sum); }
};

// Runs `body(t, slice)` on in.threads threads and sums what they return.
template <class Body>
std::uint64_t on_threads(const LazyInitInput& in, Body body) {
  std::vector<std::uint64_t> sums(static_cast<std::size_t>(in.threads), 0);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, t] { sums[static_cast<std::size_t>(t)] = body(t, slice(in, t)); });
    }
  }  // joins
  std::uint64_t total = 0;
  for (std::uint64_t s : sums) total += s;
  return total;
}

}  // namespace

// python: the check, the build and every read under one global lock.
std::uint64_t lazy_init_python(const LazyInitInput& in) {
  std::mutex global_lock;
  std::optional<Table> table;  // None until first use
  return on_threads(in, [&](int, std::span<const std::uint32_t> keys) {
    std::uint64_t sum = 0;
    for (std::uint32_t k : keys) {
      std::lock_guard hold(global_lock);
      if (!table) table = build_table();
      sum += (*table)[k % kTableSize];
    }
    return sum;
  });
}

// rust: OnceLock::get_or_init, spelled std::call_once.
std::uint64_t lazy_init_rust(const LazyInitInput& in) {
  std::once_flag once;
  std::optional<Table> table;
  return on_threads(in, [&](int, std::span<const std::uint32_t> keys) {
    std::call_once(once, [&] { table = build_table(); });
    return sum_lookups(*table, keys);  // published by call_once: no lock needed
  });
}

// unsafe: double-checked locking on a plain pointer. BROKEN ON PURPOSE.
[[gnu::noinline]] std::uint64_t lazy_init_unsafe(const LazyInitInput& in) {
  std::mutex init_lock;
  std::optional<Table> storage;
  const Table* table = nullptr;  // plain: neither atomic nor guarded
  auto get = [&]() -> const Table& {
    if (table == nullptr) {  // <-- the race: read without the lock
      std::lock_guard hold(init_lock);
      if (table == nullptr) {
        storage = build_table();
        table = &*storage;  // published with a plain store
      }
    }
    return *table;
  };
  // Thread 0 builds first; the others check only after it has published,
  // so every run takes the unlocked fast path and races (see race_barrier.h
  // for why this barrier is invisible to TSan).
  RaceBarrier built(static_cast<std::uint32_t>(in.threads));
  return on_threads(in, [&](int t, std::span<const std::uint32_t> keys) {
    if (t == 0) {
      const Table& mine = get();
      built.wait();
      return sum_lookups(mine, keys);
    }
    built.wait();
    return sum_lookups(get(), keys);
  });
}

using namespace catalog;
SAFELAB_VARIANT(LazyInit, "python", Style::python, clean(),
                "one global lock around the check, the build and every lookup", lazy_init_python);
SAFELAB_VARIANT(LazyInit, "rust", Style::rust, clean(),
                "std::call_once builds it once and publishes it (OnceLock::get_or_init)",
                lazy_init_rust);
SAFELAB_VARIANT(LazyInit, "unsafe", Style::unsafe,
                reported(Tool::tsan, "data race", "lazy_init_unsafe"),
                "double-checked locking on a plain pointer: an unlocked read of the publication",
                lazy_init_unsafe);

}  // namespace safelab::pairs
