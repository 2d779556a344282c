// safelab's side of bench/rust/mutex.rs: the same two workloads with
// own::Mutex<std::uint64_t>, built with the project's release flags.
//
//   mutex/1_thread     one thread: 2,000,000 x (lock, increment, unlock)
//   mutex/1_thread_call  the same, the increment a call the compiler cannot
//                      see into (gnu::noipa; Rust: #[inline(never)]): the
//                      poisoning guard must then read the unwinding count
//                      twice, where in the row above the compiler proves the
//                      second read redundant and drops it
//   mutex/2_threads    two threads contending for one Mutex, 1,000,000
//                      increments each (2,000,000 in all)
//
// Prints "<row> <total ns>" per row, the lines the Rust program prints;
// bench/report.py runs the two alternately, median of 5, and writes
// "safelab / Rust" (docs/own.md has the command). A plain program rather
// than a Google Benchmark row, so that both sides do exactly the same:
// one timed pass, threads started before the clock and released together.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "safelab/own/internal/backoff.h"  // cpu_relax(), Rust's spin_loop()
#include "safelab/own/mutex.h"

namespace {

constexpr std::uint64_t kIncrements = 2'000'000;
using Clock = std::chrono::steady_clock;

// As Rust's `black_box(&m)`: the compiler may not assume which Mutex is
// locked, so the loop cannot be merged into one addition.
template <class T>
T* opaque(T* p) {
  __asm__ volatile("" : "+r"(p));
  return p;
}

long long elapsed_ns(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

void check(std::uint64_t total) {
  if (total != kIncrements) {
    std::fprintf(stderr, "lost increments: %llu\n", static_cast<unsigned long long>(total));
    std::exit(1);
  }
}

long long one_thread() {
  safelab::own::Mutex<std::uint64_t> m(0);
  const Clock::time_point start = Clock::now();
  for (std::uint64_t i = 0; i < kIncrements; ++i) *opaque(&m)->lock() += 1;
  const long long ns = elapsed_ns(start);
  check(*m.lock());
  return ns;
}

// Out of the optimiser's sight: it may throw as far as the caller knows.
[[gnu::noipa]] void bump(std::uint64_t& x) { x += 1; }

long long one_thread_call() {
  safelab::own::Mutex<std::uint64_t> m(0);
  const Clock::time_point start = Clock::now();
  for (std::uint64_t i = 0; i < kIncrements; ++i) bump(*opaque(&m)->lock());
  const long long ns = elapsed_ns(start);
  check(*m.lock());
  return ns;
}

long long two_threads() {
  safelab::own::Mutex<std::uint64_t> m(0);
  // A spinning start line, the same in the Rust program: both threads are
  // running when the clock starts and leave it within nanoseconds of each
  // other. (A sleeping barrier wakes them one after the other, and which
  // one runs first decides the run: std::barrier and Rust's Barrier differ.)
  std::atomic<int> at_start{0};
  std::atomic<bool> go{false};
  auto work = [&] {
    at_start.fetch_add(1);
    while (!go.load(std::memory_order_acquire)) safelab::own::internal::cpu_relax();
    for (std::uint64_t i = 0; i < kIncrements / 2; ++i) *opaque(&m)->lock() += 1;
  };
  std::thread a(work);
  std::thread b(work);
  while (at_start.load() < 2) std::this_thread::yield();
  const Clock::time_point start = Clock::now();
  go.store(true, std::memory_order_release);
  a.join();
  b.join();
  const long long ns = elapsed_ns(start);
  check(*m.lock());
  return ns;
}

}  // namespace

int main() {
  std::printf("mutex/1_thread %lld\n", one_thread());
  std::printf("mutex/1_thread_call %lld\n", one_thread_call());
  std::printf("mutex/2_threads %lld\n", two_threads());
  return 0;
}
