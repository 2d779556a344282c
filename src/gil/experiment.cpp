// The CPU-bound and convoy experiments on the GIL model and on the
// free-threaded runtime. bench/fidelity/gil_experiments.py is the same
// program written for the real CPython; keep the two in step.
#include "gil/experiment.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "safelab/gil/free_threaded.h"

namespace safelab::gil {
namespace {

using Clock = std::chrono::steady_clock;

// Dependent multiply-adds per loop iteration: about 17 ns on the 2-core
// x86-64 machines this was calibrated on, what CPython 3.11 spends on one
// iteration of `while n > 0: n -= 1` there. Only the ratio of work to switch
// interval matters to the experiments; keeping it close to CPython's keeps
// the number of eval-breaker checks per interval realistic too.
constexpr int kStepsPerIteration = 12;

// Iterations of interpreted loop the Python I/O and echo threads run per
// round trip besides their calls (loop test, timer reads, list append).
constexpr std::int64_t kIoLoopIterations = 4;
constexpr std::int64_t kEchoLoopIterations = 2;

inline std::uint64_t bytecode_work(std::uint64_t x) {
  for (int i = 0; i < kStepsPerIteration; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    __asm__ volatile("" : "+r"(x));  // keep every step: no folding, no vectorising
  }
  return x;
}

void check_interval(std::chrono::microseconds interval) {
  if (interval.count() <= 0) {
    throw std::invalid_argument("the switch interval must be positive, got " +
                                std::to_string(interval.count()) + " us");
  }
}

void check_work(std::int64_t work) {
  if (work <= 0) throw std::invalid_argument("work must be positive, got " + std::to_string(work));
}

std::chrono::nanoseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start);
}

// ---------------------------------------------------------------- CPU-bound

// One timed run of each side of the experiment, on either runtime.
std::chrono::nanoseconds sequential_gil(const CpuBoundOptions& o,
                                        std::atomic<std::uint64_t>& sink) {
  Gil gil(o.switch_interval);
  const auto start = Clock::now();
  ThreadState ts(gil, "sequential");
  for (int i = 0; i < o.threads; ++i) sink ^= interpret_count(ts, o.work);
  return since(start);
}

std::chrono::nanoseconds threaded_gil(const CpuBoundOptions& o, std::atomic<std::uint64_t>& sink,
                                      GilStats& stats) {
  Gil gil(o.switch_interval);
  const auto start = Clock::now();
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < o.threads; ++i) {
      threads.emplace_back([&, i] {
        ThreadState ts(gil, "cpu-" + std::to_string(i));
        sink ^= interpret_count(ts, o.work);
      });
    }
  }  // joins
  const std::chrono::nanoseconds elapsed = since(start);
  stats = gil.stats();
  return elapsed;
}

std::chrono::nanoseconds sequential_free(const CpuBoundOptions& o, Object<std::uint64_t>& sink) {
  const auto start = Clock::now();
  for (int i = 0; i < o.threads; ++i) {
    const std::uint64_t v = interpret_count_free(o.work);
    sink.with([v](std::uint64_t& s) { s ^= v; });
  }
  return since(start);
}

std::chrono::nanoseconds threaded_free(const CpuBoundOptions& o, Object<std::uint64_t>& sink) {
  const auto start = Clock::now();
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < o.threads; ++i) {
      threads.emplace_back([&] {
        const std::uint64_t v = interpret_count_free(o.work);
        sink.with([v](std::uint64_t& s) { s ^= v; });  // the one shared object
      });
    }
  }  // joins
  return since(start);
}

template <class T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Runs o.rounds rounds of sequential, threaded, threaded, sequential and
// keeps each round's ratio (see CpuBoundOptions::rounds for why).
template <class Sequential, class Threaded>
CpuBoundResult abba_rounds(const CpuBoundOptions& o, Sequential sequential, Threaded threaded) {
  CpuBoundResult r;
  std::vector<std::chrono::nanoseconds> sequentials;
  std::vector<std::chrono::nanoseconds> threadeds;
  for (int round = 0; round < o.rounds; ++round) {
    const auto a = sequential();
    const auto b = threaded();
    const auto c = threaded();
    const auto d = sequential();
    sequentials.push_back((a + d) / 2);
    threadeds.push_back((b + c) / 2);
    r.round_ratios.push_back(static_cast<double>((b + c).count()) /
                             static_cast<double>(std::max<std::int64_t>(1, (a + d).count())));
  }
  r.sequential = median(sequentials);
  r.threaded = median(threadeds);
  return r;
}

CpuBoundResult cpu_bound_gil(const CpuBoundOptions& o) {
  std::atomic<std::uint64_t> sink{0};
  GilStats stats;
  CpuBoundResult r = abba_rounds(
      o, [&] { return sequential_gil(o, sink); }, [&] { return threaded_gil(o, sink, stats); });
  r.stats = std::move(stats);
  return r;
}

CpuBoundResult cpu_bound_free(const CpuBoundOptions& o) {
  FreeThreaded runtime;
  Object<std::uint64_t> sink(runtime, 0);
  return abba_rounds(
      o, [&] { return sequential_free(o, sink); }, [&] { return threaded_free(o, sink); });
}

// ---------------------------------------------------------------- convoy
//
// gil_experiments.convoy(), thread by thread. Every thread of that program
// is a Python thread, the main one included, and what each does between its
// blocking calls decides who wins the GIL when one is released: the model
// runs the same threads, started in the same order from the same parents,
// each a PyThread (docs/gil.md, "What one round trip costs").

// PyThread
//
// One thread of the Python program as the interpreter runs it: on the GIL
// runtime it holds a ThreadState (the GIL, outside blocking calls), on the
// free-threaded runtime it runs bare.
class PyThread {
 public:
  PyThread(Gil* gil, std::string_view name) {
    if (gil != nullptr) ts_.emplace(*gil, name);
  }

  // A C function that blocks (send, recv, a lock's acquire in join() or
  // Event.wait()): the GIL released around it (Py_BEGIN/END_ALLOW_THREADS),
  // then the eval-breaker check 3.11's CALL makes when a C function returns.
  template <class Fn>
  auto blocking(Fn fn) {
    using Result = decltype(fn());
    if (!ts_) return fn();
    if constexpr (std::is_void_v<Result>) {
      {
        AllowThreads allow(*ts_);
        fn();
      }
      ts_->tick();
    } else {
      Result result;
      {
        AllowThreads allow(*ts_);
        result = fn();
      }
      ts_->tick();
      return result;
    }
  }

  // n iterations of interpreted loop, each with its eval-breaker check.
  void bytecodes(std::int64_t n) {
    if (ts_) {
      interpret_count(*ts_, n);
    } else {
      interpret_count_free(n);
    }
  }

  // `while not done: ...`: spins under the GIL until `done` is set.
  std::uint64_t spin_until(const std::atomic<bool>& done) {
    std::uint64_t x = 1;
    while (!done.load(std::memory_order_relaxed)) {
      x = bytecode_work(x);
      if (ts_) ts_->tick();  // CHECK_EVAL_BREAKER at JUMP_BACKWARD
    }
    return x;
  }

 private:
  std::optional<ThreadState> ts_;
};

// threading.Thread(target=body).start(): runs body(PyThread&) on a new
// thread and returns once it has started. As in CPython, "started" means the
// new thread has taken the GIL once (its bootstrap sets the `_started` event
// under the GIL), and the starter waits for it with the GIL released
// (Event.wait()), then has to win the GIL back.
template <class Body>
std::jthread start_thread(PyThread& starter, Gil* gil, std::string name, Body body) {
  std::promise<void> started;
  std::future<void> is_started = started.get_future();
  std::jthread thread([gil, name = std::move(name), body = std::move(body),
                       started = std::move(started)]() mutable {
    PyThread self(gil, name);
    started.set_value();
    body(self);
  });
  starter.blocking([&] { is_started.wait(); });
  return thread;
}

// Thread.join(): waits with the GIL released.
void join(PyThread& joiner, std::jthread& thread) {
  if (thread.joinable()) joiner.blocking([&] { thread.join(); });
}

// socket.socketpair(AF_UNIX, SOCK_STREAM), closed on scope exit.
class SocketPair {
 public:
  SocketPair() {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds_) != 0) {
      throw std::system_error(errno, std::generic_category(), "socketpair");
    }
  }
  ~SocketPair() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  SocketPair(const SocketPair&) = delete;
  SocketPair& operator=(const SocketPair&) = delete;

  int near() const { return fds_[0]; }
  int far() const { return fds_[1]; }

 private:
  int fds_[2] = {-1, -1};
};

// echo(sock): the far end of the ping-pong, a Python thread too, so every
// byte it echoes must win the GIL back after its blocking recv() and send().
void echo(PyThread& self, int fd) {
  char byte;
  for (;;) {
    const ssize_t n = self.blocking([&] { return ::recv(fd, &byte, 1, 0); });  // sock.recv(1)
    if (n == 0) return;  // `if not data: return`: the near end shut down
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    self.bytecodes(kEchoLoopIterations);
    self.blocking([&] { return ::send(fd, &byte, 1, MSG_NOSIGNAL); });  // sock.send(data)
  }
}

// One blocking round trip: send a byte, wait for it to come back. Returns
// false (errno set) on a socket error.
bool round_trip(PyThread& self, int fd) {
  char byte = 'x';
  ssize_t n;
  do {
    n = self.blocking([&] { return ::send(fd, &byte, 1, MSG_NOSIGNAL); });
  } while (n < 0 && errno == EINTR);
  if (n != 1) return false;
  do {
    n = self.blocking([&] { return ::recv(fd, &byte, 1, 0); });
  } while (n < 0 && errno == EINTR);
  return n == 1;
}

IoSample summarise(std::vector<std::chrono::nanoseconds> latencies,
                   std::chrono::nanoseconds elapsed) {
  IoSample s;
  s.ops = static_cast<std::int64_t>(latencies.size());
  s.elapsed = elapsed;
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    const std::size_t n = latencies.size();
    s.p50 = latencies[n / 2];
    s.p90 = latencies[std::min(n - 1, n * 90 / 100)];
    s.p99 = latencies[std::min(n - 1, n * 99 / 100)];
  }
  s.latencies = std::move(latencies);
  return s;
}

// io_loop(sock, round_trips): `count` round trips. A round trip's latency
// runs from the end of the previous one, so a wait for the GIL anywhere in
// the loop counts, not only inside send()/recv().
IoSample io_loop(PyThread& self, int fd, std::int64_t count) {
  std::vector<std::chrono::nanoseconds> latencies;
  latencies.reserve(static_cast<std::size_t>(count));
  const auto start = Clock::now();
  auto previous = start;
  for (std::int64_t i = 0; i < count; ++i) {
    if (!round_trip(self, fd)) {
      throw std::system_error(errno, std::generic_category(), "convoy round trip");
    }
    self.bytecodes(kIoLoopIterations);
    const auto now = Clock::now();
    latencies.push_back(now - previous);
    previous = now;
  }
  return summarise(std::move(latencies), since(start));
}

// ping_pong(round_trips), run by `self`: it starts the echo thread, runs the
// I/O loop against it, then shuts the socket down and joins the echo thread.
IoSample ping_pong(PyThread& self, Gil* gil, std::int64_t count) {
  SocketPair pair;
  std::jthread echoer =
      start_thread(self, gil, "echo", [fd = pair.far()](PyThread& t) { echo(t, fd); });
  std::exception_ptr error;
  IoSample sample;
  try {
    sample = io_loop(self, pair.near(), count);
  } catch (...) {
    error = std::current_exception();
  }
  ::shutdown(pair.near(), SHUT_RDWR);  // ends the echo thread's recv()
  join(self, echoer);
  if (error) std::rethrow_exception(error);
  return sample;
}

// convoy(threads, round_trips): the CPU threads start first and spin until
// an I/O thread has made its round trips beside them; then the main thread
// makes as many alone, with the same GIL, as gil_experiments.py does.
ConvoyResult convoy(const ConvoyOptions& o) {
  std::optional<Gil> gil_storage;
  if (o.runtime == Runtime::gil) gil_storage.emplace(o.switch_interval);
  Gil* gil = gil_storage ? &*gil_storage : nullptr;
  ConvoyResult r;
  PyThread main_thread(gil, "main");
  std::atomic<bool> done{false};
  std::atomic<std::uint64_t> sink{0};
  std::vector<std::jthread> workers;
  std::jthread io;
  std::exception_ptr error;
  try {
    for (int i = 0; i < o.cpu_threads; ++i) {
      workers.push_back(start_thread(main_thread, gil, "cpu-" + std::to_string(i),
                                     [&](PyThread& self) { sink ^= self.spin_until(done); }));
    }
    io = start_thread(main_thread, gil, "io", [&](PyThread& self) {
      try {
        r.beside = ping_pong(self, gil, o.round_trips);
      } catch (...) {
        error = std::current_exception();
      }
      done.store(true, std::memory_order_relaxed);  // the CPU threads stop
    });
  } catch (...) {
    done.store(true, std::memory_order_relaxed);
    join(main_thread, io);
    for (std::jthread& w : workers) join(main_thread, w);
    throw;
  }
  join(main_thread, io);
  for (std::jthread& w : workers) join(main_thread, w);
  if (error) std::rethrow_exception(error);
  if (gil != nullptr) r.stats = gil->stats();
  r.alone = ping_pong(main_thread, gil, o.round_trips);
  return r;
}

}  // namespace

std::string_view to_string(Runtime r) { return r == Runtime::gil ? "gil" : "free-threaded"; }

std::optional<Runtime> parse_runtime(std::string_view s) {
  if (s == "gil") return Runtime::gil;
  if (s == "free-threaded") return Runtime::free_threaded;
  return std::nullopt;
}

std::uint64_t interpret_count(ThreadState& ts, std::int64_t n) {
  std::uint64_t x = static_cast<std::uint64_t>(n);
  while (n > 0) {
    x = bytecode_work(x);
    --n;
    ts.tick();  // CHECK_EVAL_BREAKER at JUMP_BACKWARD
  }
  return x;
}

std::uint64_t interpret_count_free(std::int64_t n) {
  std::uint64_t x = static_cast<std::uint64_t>(n);
  while (n > 0) {
    x = bytecode_work(x);
    --n;
  }
  return x;
}

double CpuBoundResult::ratio() const { return round_ratios.empty() ? 0.0 : median(round_ratios); }

CpuBoundResult run_cpu_bound(const CpuBoundOptions& o) {
  if (o.threads < 1 || o.threads > 1024) {
    throw std::invalid_argument("threads must be in 1..1024, got " + std::to_string(o.threads));
  }
  check_work(o.work);
  check_interval(o.switch_interval);
  if (o.rounds < 1 || o.rounds > 100) {
    throw std::invalid_argument("rounds must be in 1..100, got " + std::to_string(o.rounds));
  }
  return o.runtime == Runtime::gil ? cpu_bound_gil(o) : cpu_bound_free(o);
}

double IoSample::ops_per_second() const {
  if (elapsed.count() <= 0) return 0.0;
  return static_cast<double>(ops) * 1e9 / static_cast<double>(elapsed.count());
}

double ConvoyResult::drop_factor() const {
  const double beside_rate = beside.ops_per_second();
  return beside_rate > 0 ? alone.ops_per_second() / beside_rate : 0.0;
}

double ConvoyResult::slow_fraction(std::chrono::microseconds interval) const {
  if (beside.latencies.empty()) return 0.0;
  const auto slow = std::count_if(beside.latencies.begin(), beside.latencies.end(),
                                  [&](std::chrono::nanoseconds l) { return 2 * l >= interval; });
  return static_cast<double>(slow) / static_cast<double>(beside.latencies.size());
}

ConvoyResult run_convoy(const ConvoyOptions& o) {
  if (o.cpu_threads < 0 || o.cpu_threads > 1024) {
    throw std::invalid_argument("cpu_threads must be in 0..1024, got " +
                                std::to_string(o.cpu_threads));
  }
  if (o.round_trips < 1 || o.round_trips > 10'000'000) {
    throw std::invalid_argument("round_trips must be in 1..10000000, got " +
                                std::to_string(o.round_trips));
  }
  check_interval(o.switch_interval);
  return convoy(o);
}

}  // namespace safelab::gil
