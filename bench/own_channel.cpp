// Channel<T> throughput against tbb::concurrent_bounded_queue and a plain
// std::mutex + std::condition_variable queue. Rows: producers -> consumers
// 1->1, 2->1, 1->2; unbounded and bounded (capacity 256); int and 1 KiB
// messages. Every queue runs the same protocol: producers push their share
// of kMessages; consumers claim a message from a shared countdown and then
// pop it (blocking), so exactly kMessages are popped and nobody needs a
// sentinel. Target: own::Channel >= TBB on every row.
//
// Besides time, every row reports per-message counters taken with
// getrusage(RUSAGE_SELF) around the timed part: `csw` (voluntary context
// switches: a thread slept on a futex), `icsw` (involuntary: a thread was
// preempted, e.g. a spinner or a lock holder losing its core) and `minflt`
// (minor page faults: memory the queue got fresh from the kernel). They
// explain a time, and unlike it they survive a loaded machine.
#include <benchmark/benchmark.h>
#include <tbb/concurrent_queue.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "measure.h"
#include "safelab/own/channel.h"

namespace {

constexpr std::size_t kCapacity = 256;

struct Kib {
  std::array<std::uint8_t, 1024> bytes;
};

template <class T>
T make_message(std::int64_t i) {
  if constexpr (std::is_same_v<T, Kib>) {
    Kib k;
    k.bytes.fill(static_cast<std::uint8_t>(i));
    return k;
  } else {
    return static_cast<T>(i);
  }
}
template <class T>
std::int64_t digest(const T& m) {
  if constexpr (std::is_same_v<T, Kib>) {
    return m.bytes[0] + m.bytes[1023];
  } else {
    return m;
  }
}

// Each adapter gives producer and consumer handles and static push/pop, so
// one harness drives all three queues identically.

// own::Channel with one consumer: Receiver (the batching path).
template <class T>
class OwnMpsc {
 public:
  OwnMpsc(bool bounded, int /*consumers == 1*/) {
    auto [tx, rx] =
        bounded ? safelab::own::bounded_channel<T>(kCapacity) : safelab::own::channel<T>();
    tx_ = std::move(tx);
    rx_ = std::move(rx);
  }
  safelab::own::Sender<T> producer() { return tx_; }
  safelab::own::Receiver<T> consumer() { return std::move(rx_); }
  void close() { tx_ = {}; }
  static void push(safelab::own::Sender<T>& tx, T&& v) { static_cast<void>(tx.send(std::move(v))); }
  static T pop(safelab::own::Receiver<T>& rx) { return *rx.recv(); }

 private:
  safelab::own::Sender<T> tx_;
  safelab::own::Receiver<T> rx_;
};

// own::Channel with competing consumers: SharedReceiver.
template <class T>
class OwnMpmc {
 public:
  OwnMpmc(bool bounded, int /*consumers*/) {
    auto [tx, rx] = bounded ? safelab::own::bounded_mpmc_channel<T>(kCapacity)
                            : safelab::own::mpmc_channel<T>();
    tx_ = std::move(tx);
    rx_ = std::move(rx);
  }
  safelab::own::Sender<T> producer() { return tx_; }
  safelab::own::SharedReceiver<T> consumer() { return rx_; }
  void close() {
    tx_ = {};
    rx_ = {};
  }
  static void push(safelab::own::Sender<T>& tx, T&& v) { static_cast<void>(tx.send(std::move(v))); }
  static T pop(safelab::own::SharedReceiver<T>& rx) { return *rx.recv(); }

 private:
  safelab::own::Sender<T> tx_;
  safelab::own::SharedReceiver<T> rx_;
};

// oneTBB's blocking queue; unbounded = its default (maximal) capacity.
template <class T>
class TbbQueue {
 public:
  using Q = tbb::concurrent_bounded_queue<T>;
  TbbQueue(bool bounded, int /*consumers*/) {
    if (bounded) q_.set_capacity(static_cast<std::ptrdiff_t>(kCapacity));
  }
  Q* producer() { return &q_; }
  Q* consumer() { return &q_; }
  void close() {}
  static void push(Q* q, T&& v) { q->push(std::move(v)); }
  static T pop(Q* q) {
    T v;
    q->pop(v);
    return v;
  }

 private:
  Q q_;
};

// The textbook queue: one mutex, two condition variables, notify always.
template <class T>
class MutexCvQueue {
 public:
  struct State {
    std::mutex mu;
    std::condition_variable not_empty;
    std::condition_variable not_full;
    std::deque<T> items;
    std::size_t capacity;
  };
  MutexCvQueue(bool bounded, int /*consumers*/) {
    state_.capacity = bounded ? kCapacity : static_cast<std::size_t>(-1);
  }
  State* producer() { return &state_; }
  State* consumer() { return &state_; }
  void close() {}
  static void push(State* s, T&& v) {
    std::unique_lock lk(s->mu);
    s->not_full.wait(lk, [&] { return s->items.size() < s->capacity; });
    s->items.push_back(std::move(v));
    lk.unlock();
    s->not_empty.notify_one();
  }
  static T pop(State* s) {
    std::unique_lock lk(s->mu);
    s->not_empty.wait(lk, [&] { return !s->items.empty(); });
    T v = std::move(s->items.front());
    s->items.pop_front();
    lk.unlock();
    s->not_full.notify_one();
    return v;
  }

 private:
  State state_;
};

// Args: producers, consumers, bounded (0/1).
template <template <class> class Queue, class T>
void BM_Channel(benchmark::State& state) {
  using Q = Queue<T>;
  const int producers = static_cast<int>(state.range(0));
  const int consumers = static_cast<int>(state.range(1));
  const bool bounded = state.range(2) != 0;
  const std::int64_t messages = std::is_same_v<T, Kib> ? 20'000 : 200'000;
  std::int64_t expected = 0;
  for (std::int64_t i = 0; i < messages; ++i) expected += digest(make_message<T>(i));
  safelab::bench::ProcessUsage used;
  for (auto _ : state) {
    const auto before = safelab::bench::ProcessUsage::now();
    Q q(bounded, consumers);
    std::atomic<std::int64_t> remaining{messages};
    std::atomic<std::int64_t> sum{0};
    std::vector<std::thread> threads;
    for (int p = 0; p < producers; ++p) {
      threads.emplace_back([&, p, h = q.producer()]() mutable {
        const std::int64_t begin = messages * p / producers;
        const std::int64_t end = messages * (p + 1) / producers;
        for (std::int64_t i = begin; i < end; ++i) Q::push(h, make_message<T>(i));
      });
    }
    for (int c = 0; c < consumers; ++c) {
      threads.emplace_back([&, h = q.consumer()]() mutable {
        std::int64_t local = 0;
        while (remaining.fetch_sub(1, std::memory_order_relaxed) > 0) local += digest(Q::pop(h));
        sum += local;
      });
    }
    q.close();
    for (std::thread& t : threads) t.join();
    used += safelab::bench::ProcessUsage::now() - before;
    if (sum.load() != expected) state.SkipWithError("lost or duplicated messages");
  }
  state.SetItemsProcessed(state.iterations() * messages);
  state.SetBytesProcessed(state.iterations() * messages * static_cast<std::int64_t>(sizeof(T)));
  const double total = static_cast<double>(state.iterations() * messages);
  state.counters["csw"] = static_cast<double>(used.voluntary) / total;
  state.counters["icsw"] = static_cast<double>(used.involuntary) / total;
  state.counters["minflt"] = static_cast<double>(used.minor_faults) / total;
}

// The rows: {producers, consumers, bounded}.
void SingleConsumerRows(benchmark::internal::Benchmark* b) {
  b->ArgNames({"prod", "cons", "bounded"});
  for (int bounded : {0, 1}) {
    b->Args({1, 1, bounded});
    b->Args({2, 1, bounded});
  }
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}
void MultiConsumerRows(benchmark::internal::Benchmark* b) {
  b->ArgNames({"prod", "cons", "bounded"});
  for (int bounded : {0, 1}) b->Args({1, 2, bounded});
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}
void AllRows(benchmark::internal::Benchmark* b) {
  SingleConsumerRows(b);
  MultiConsumerRows(b);
}

#define SAFELAB_CHANNEL_ROWS(T, tname)                                                         \
  BENCHMARK(BM_Channel<OwnMpsc, T>)->Name("channel_" tname "/own")->Apply(SingleConsumerRows); \
  BENCHMARK(BM_Channel<OwnMpmc, T>)->Name("channel_" tname "/own")->Apply(MultiConsumerRows);  \
  BENCHMARK(BM_Channel<TbbQueue, T>)->Name("channel_" tname "/tbb")->Apply(AllRows);           \
  BENCHMARK(BM_Channel<MutexCvQueue, T>)->Name("channel_" tname "/mutex_cv")->Apply(AllRows)

SAFELAB_CHANNEL_ROWS(int, "int");
SAFELAB_CHANNEL_ROWS(Kib, "1KiB");

}  // namespace
