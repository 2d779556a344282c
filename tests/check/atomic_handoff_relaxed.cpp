// expect: data race (tsan) in consume
// BAD: atomic_handoff.cpp with the flag stored and loaded `relaxed`: the
// flag itself is atomic, but nothing orders the producer's writes to the
// payload before the consumer's reads, a data race on the payload.
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
  ready.store(true, std::memory_order_relaxed);  // <-- publishes nothing
}

[[gnu::noinline]] int consume() {
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  int sum = 0;
  for (int v : payload.values) sum += v;  // <-- the race
  return sum;
}

int main() {
  int sum = 0;
  std::thread consumer([&] { sum = consume(); });
  std::thread producer(produce);
  producer.join();
  consumer.join();
  std::printf("%d\n", sum);
  return 0;
}
