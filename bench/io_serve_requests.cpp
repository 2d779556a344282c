// serve_requests over real loopback sockets: the three safe servers under
// one harness (the unsafe variant runs only in the verdict runner's child).
//
//   BM_Serve   req/s and p50/p99 latency, I/O-only or CPU-heavy requests,
//              1..64 closed-loop connections.
//   BM_Convoy  latency of I/O-only requests on 3 connections while a 4th
//              sends CPU-heavy requests (heavy=1) or sits idle (heavy=0):
//              the convoy effect of the GIL, next to the strand server.
//
// The client runs on its own thread without the GIL; the servers get the
// rest of the machine. Latencies are reported as counters in microseconds,
// averaged over the iterations of one run.
#include <benchmark/benchmark.h>

#include <memory>

#include "io/load.h"
#include "safelab/gil/gil.h"
#include "safelab/io/server.h"

namespace {

using namespace safelab;

enum class Shape { python, python_async, rust };

// One server of the given shape, with the GIL it needs.
struct Running {
  explicit Running(Shape shape) {
    switch (shape) {
      case Shape::python: server = io::start_threaded_server({}, gil); break;
      case Shape::python_async: server = io::start_event_loop_server({}, gil); break;
      case Shape::rust: server = io::start_strand_server({}); break;
    }
  }
  gil::Gil gil;
  std::unique_ptr<io::Server> server;
};

constexpr std::uint32_t kHeavyUnits = 2'000;  // about 1 ms of CPU per request

double micros(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e3; }

void run(benchmark::State& state, Running& running, const io::LoadOptions& load, bool echo_only) {
  double p50 = 0, p99 = 0, ok = 0, seconds = 0;
  for (auto _ : state) {
    const io::LoadReport report = io::run_load(load);
    if (!report.complete()) {
      state.SkipWithError(("incomplete run: " + report.error).c_str());
      break;
    }
    const io::LatencySummary& lat = echo_only ? report.echo : report.all;
    p50 += micros(lat.p50);
    p99 += micros(lat.p99);
    ok += static_cast<double>(report.ok);
    seconds += std::chrono::duration<double>(report.elapsed).count();
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["p50_us"] = n > 0 ? p50 / n : 0;
  state.counters["p99_us"] = n > 0 ? p99 / n : 0;
  state.counters["req_per_s"] = seconds > 0 ? ok / seconds : 0;
  const io::ServerStats stats = running.server->stats();
  if (stats.bad_frames + stats.timeouts != 0) state.SkipWithError("server reported errors");
}

// range(0): connections; range(1): 0 = I/O-only (64-byte echo), 1 =
// CPU-heavy (every request a kHeavyUnits compute).
template <Shape S>
void BM_Serve(benchmark::State& state) {
  Running running(S);
  io::LoadOptions load;
  load.port = running.server->port();
  load.connections = static_cast<int>(state.range(0));
  const bool heavy = state.range(1) != 0;
  const int total = heavy ? 256 : 4096;
  load.requests_per_connection = std::max(4, total / load.connections);
  load.time_limit = std::chrono::seconds(60);
  load.verify = false;  // the digest is checked by the tests; keep the client cheap
  if (heavy) load.mix = {.echo_bytes = 0, .compute_units = kHeavyUnits, .compute_every = 1};
  run(state, running, load, /*echo_only=*/false);
}

// range(0): 1 = connection 0 sends CPU-heavy requests, 0 = it sends echoes.
template <Shape S>
void BM_Convoy(benchmark::State& state) {
  Running running(S);
  io::LoadOptions load;
  load.port = running.server->port();
  load.connections = 4;
  load.requests_per_connection = 40;
  load.time_limit = std::chrono::seconds(60);
  load.verify = false;
  if (state.range(0) != 0) {
    load.first_connection_mix =
        io::RequestMix{.echo_bytes = 0, .compute_units = 4 * kHeavyUnits, .compute_every = 1};
  }
  run(state, running, load, /*echo_only=*/true);
}

void ServeArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"conns", "heavy"});
  for (int heavy : {0, 1}) {
    for (int conns : {1, 4, 16, 64}) b->Args({conns, heavy});
  }
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_Serve<Shape::python>)->Name("serve_requests/python")->Apply(ServeArgs);
BENCHMARK(BM_Serve<Shape::python_async>)->Name("serve_requests/python-async")->Apply(ServeArgs);
BENCHMARK(BM_Serve<Shape::rust>)->Name("serve_requests/rust")->Apply(ServeArgs);

BENCHMARK(BM_Convoy<Shape::python>)
    ->Name("convoy/python")
    ->ArgName("heavy")
    ->Arg(0)
    ->Arg(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Convoy<Shape::python_async>)
    ->Name("convoy/python-async")
    ->ArgName("heavy")
    ->Arg(0)
    ->Arg(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Convoy<Shape::rust>)
    ->Name("convoy/rust")
    ->ArgName("heavy")
    ->Arg(0)
    ->Arg(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
