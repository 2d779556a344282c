// expect: clean
// GOOD: a producer fills a plain struct, then publishes it with a release
// store to a std::atomic<bool>; the consumer's acquire load that sees `true`
// orders the producer's writes before its reads. Correct C++, yet helgrind
// (which models pthread locks, not C++ atomics) reports a "data race" on the
// payload: `safelab check` must mark that report advisory, not fail the
// program. Its bad twin is atomic_handoff_relaxed.cpp.
#include <atomic>
#include <cstdio>
#include <thread>

struct Payload {
  int values[16];
};

Payload payload;
std::atomic<bool> ready{false};

[[gnu::noinline]] void produce() {
  for (int i = 0; i < 16; ++i) payload.values[i] = i * i;
  ready.store(true, std::memory_order_release);
}

[[gnu::noinline]] int consume() {
  while (!ready.load(std::memory_order_acquire)) std::this_thread::yield();
  int sum = 0;
  for (int v : payload.values) sum += v;
  return sum;
}

int main() {
  int sum = 0;
  std::thread consumer([&] { sum = consume(); });
  std::thread producer(produce);
  producer.join();
  consumer.join();
  std::printf("%d\n", sum);
  return sum == 1240 ? 0 : 1;
}
