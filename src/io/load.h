// src/io/load.h
//
// The load generator: N connections to a safelab server on 127.0.0.1, each
// sending a bounded number of requests, the whole run bounded in time. It
// measures what a user of the server would see: requests per second and the
// latency of each request, from the moment it is queued for sending to the
// moment its response is parsed.
//
// There is no host parameter on purpose: the generator only ever connects to
// the loopback address, so a test or benchmark cannot load a real machine.
//
//   RequestMix        what one connection sends (echo size, compute cost)
//   LoadOptions       how many connections, requests, in flight, how long
//   planned_request() the exact request a run sends, for references
//   LoadReport        counts, latencies (p50/p99/max), an order-independent
//                     digest of every response
//   run_load()        runs it on the calling thread (its own io_context)
//
// A harness, not API: it lives in safelab_io_harness, which the CLI, the
// catalog's serve_requests topic, the benchmarks and the tests link, and is
// never installed.
//
// Example:
//
//   LoadOptions load;
//   load.port = server->port();
//   load.connections = 4;
//   load.requests_per_connection = 1000;
//   LoadReport report = run_load(load);
//   if (!report.complete()) std::cerr << report.error;
//   std::cout << report.requests_per_second << " req/s, p99 "
//             << report.all.p99.count() << " ns\n";
#ifndef SAFELAB_SRC_IO_LOAD_H_
#define SAFELAB_SRC_IO_LOAD_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "safelab/io/protocol.h"

namespace safelab::io {

// RequestMix
//
// Request k (0-based) of a connection is a compute request of
// `compute_units` when compute_every > 0 and k % compute_every ==
// compute_every - 1; otherwise an echo of `echo_bytes` bytes.
struct RequestMix {
  std::uint32_t echo_bytes = 64;
  std::uint32_t compute_units = 0;
  std::uint32_t compute_every = 0;  // 0: echo only; 1: compute only
};

struct LoadOptions {
  std::uint16_t port = 0;  // of 127.0.0.1
  int connections = 1;
  int requests_per_connection = 100;
  // Requests in flight per connection: 1 is a closed loop (send, wait,
  // send); more pipelines.
  int window = 1;
  // The whole run stops here, finished or not (report.timed_out).
  std::chrono::milliseconds time_limit{10'000};
  RequestMix mix;
  // When set, connection 0 sends this mix instead: one CPU-heavy client
  // among I/O-only ones is the convoy-effect experiment.
  std::optional<RequestMix> first_connection_mix;
  // Compare every response with expected_response(). Costs the client the
  // compute work too; benchmarks turn it off and rely on the digest.
  bool verify = true;
};

// planned_request()
//
// The request with index `index` that connection `connection` sends. Ids
// are unique in a run: connection * requests_per_connection + index.
Request planned_request(const LoadOptions& options, int connection, int index);

// expected_digest()
//
// The digest of a run in which every planned request is answered
// correctly, computed without any server.
std::uint64_t expected_digest(const LoadOptions& options);

// LatencySummary
//
// Nearest-rank percentiles of one class of requests.
struct LatencySummary {
  std::uint64_t count = 0;
  std::chrono::nanoseconds p50{0};
  std::chrono::nanoseconds p99{0};
  std::chrono::nanoseconds max{0};
};

struct LoadReport {
  std::uint64_t planned = 0;  // connections * requests_per_connection
  std::uint64_t sent = 0;
  std::uint64_t ok = 0;       // Status::ok (and, with verify, correct)
  std::uint64_t refused = 0;  // Status::refused
  std::uint64_t failed = 0;   // other statuses, wrong or unexpected answers
  std::chrono::nanoseconds elapsed{0};
  double requests_per_second = 0;  // ok / elapsed
  LatencySummary echo, compute, all;
  std::uint64_t digest = 0;  // see response_hash(); over every response
  bool timed_out = false;
  std::string error;  // the first connection error, if any

  // Every planned request answered with Status::ok, within the time limit.
  bool complete() const { return ok == planned && failed == 0 && !timed_out && error.empty(); }
};

// run_load()
//
// Runs the load on the calling thread and returns when every connection has
// finished or the time limit passed. Connection failures are reported in
// LoadReport::error, never thrown.
//
// Errors: throws std::invalid_argument when an option is out of range
// (port 0, connections not in [1, 4096], requests < 0, window < 1, ids that
// would not fit in 32 bits, a mix the server would refuse).
LoadReport run_load(const LoadOptions& options);

}  // namespace safelab::io

#endif  // SAFELAB_SRC_IO_LOAD_H_
