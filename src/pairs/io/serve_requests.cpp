// Topic `serve_requests`, four ways. Every variant runs the same load
// generator against its own server on 127.0.0.1 and reports what came back.
//
//   python        a thread per connection on blocking sockets, each thread
//                 a GIL ThreadState that releases the GIL around every
//                 blocking read and write (socketserver + CPython sockets).
//   python-async  one thread, one io_context, the GIL held throughout
//                 (asyncio): no parallelism, and no races either.
//   rust          two threads run one io_context; each request is posted to
//                 its connection's strand, so a connection's handlers never
//                 overlap, different connections run in parallel, and no
//                 handler takes a lock.
//   unsafe        the same server, but each request is posted straight to
//                 the io_context, to let one connection's pipelined requests
//                 use every core. Two of them now run at once and both update
//                 the connection's `answered` counter: ThreadSanitizer
//                 reports a data race in handle_request_unsafe, and answers
//                 are miscounted.
//
// `rust` and `unsafe` share one server (thread_pool_server.h) and differ in
// where a request runs: posted to its connection's strand, or straight to
// the io_context. Their handlers and their servers sit side by side below.
#include "serve_requests.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <string>

#include "../race_barrier.h"
#include "safelab/gil/gil.h"
#include "safelab/io/server.h"
#include "thread_pool_server.h"

namespace safelab::pairs {

namespace asio = boost::asio;
using internal::Connection;
using internal::ThreadPoolServer;

io::LoadOptions ServeRequests::make_input(const catalog::Params& p) {
  io::LoadOptions in;
  in.connections = std::clamp(p.threads, 1, 256);
  // At least two requests, pipelined: the unsafe variant's race needs two
  // requests of one connection in flight at once.
  in.requests_per_connection = static_cast<int>(std::clamp<std::int64_t>(p.size, 2, 100'000));
  in.window = 4;
  in.time_limit = std::chrono::seconds(60);
  in.mix = {.echo_bytes = 48 + static_cast<std::uint32_t>(p.seed % 64),
            .compute_units = 200,
            .compute_every = 4};
  return in;
}

ServeRequestsOutput ServeRequests::reference(const io::LoadOptions& in) {
  const auto planned = static_cast<std::uint64_t>(in.connections) *
                       static_cast<std::uint64_t>(in.requests_per_connection);
  return {planned, io::expected_digest(in), planned, {}};
}

std::string ServeRequests::show(const ServeRequestsOutput& out) {
  char digest[24];
  std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(out.digest));
  std::string s = "answered=" + std::to_string(out.answered) + " digest=" + digest +
                  " served=" + std::to_string(out.served);
  if (!out.error.empty()) s += " error=" + out.error;
  return s;
}

namespace {

// Runs the input's load against `server`, then stops it.
template <class Server>
ServeRequestsOutput drive(Server& server, io::LoadOptions in) {
  in.port = server.port();
  const io::LoadReport report = io::run_load(in);
  server.stop();
  return {report.ok, report.digest, server.stats().answered, report.error};
}

}  // namespace

// python: thread per connection, GIL released around blocking calls.
ServeRequestsOutput serve_requests_python(const io::LoadOptions& in) {
  gil::Gil gil;
  auto server = io::start_threaded_server({}, gil);
  return drive(*server, in);
}

// python-async: one event loop thread holding the GIL.
ServeRequestsOutput serve_requests_python_async(const io::LoadOptions& in) {
  gil::Gil gil;
  auto server = io::start_event_loop_server({}, gil);
  return drive(*server, in);
}

// ---------------------------------------------------------------------------
// rust and unsafe: one ThreadPoolServer of two threads each, and two request
// handlers that differ in where they run. Read the pairs side by side.

// rust: runs on the request's connection strand. The strand is the
// ownership: one of the connection's handlers runs at a time, so `answered`
// is touched by one thread at a time and needs no lock.
void handle_request(Connection& conn, const std::string& payload) {
  const io::Response response = io::respond(payload, [] {});
  conn.answered = conn.answered + 1;  // serialised by the strand
  conn.send(response);
}

// unsafe: BROKEN ON PURPOSE. Runs wherever the io_context puts it: two
// requests of one connection run this at once on the two threads, and both
// update `conn.answered` with no strand and no lock.
[[gnu::noinline]] void handle_request_unsafe(Connection& conn, const std::string& payload,
                                             RaceBarrier& race) {
  const io::Response response = io::respond(payload, [] {});
  // Connection 0's first two requests (ids 0 and 1) meet here, so that the
  // race happens on every run instead of sometimes.
  if (response.id < 2) race.wait();
  conn.answered = conn.answered + 1;  // <-- the race: read, add, write, unsynchronised
  conn.send(response);                // (send() hops onto the strand: safe)
}

// rust: each request is posted to its connection's strand...
ServeRequestsOutput serve_requests_rust(const io::LoadOptions& in) {
  ThreadPoolServer server(/*threads=*/2, [](Connection& conn, std::string payload) {
    asio::post(conn.strand(), [&conn, p = std::move(payload)] { handle_request(conn, p); });
  });
  return drive(server, in);
}

// unsafe: ...or straight to the io_context, so that one connection's
// pipelined requests use every core.
[[gnu::noinline]] ServeRequestsOutput serve_requests_unsafe(const io::LoadOptions& in) {
  RaceBarrier race(2);  // declared first: outlives the server's threads
  ThreadPoolServer server(/*threads=*/2, [&](Connection& conn, std::string payload) {
    asio::post(server.io(), [&conn, &race, p = std::move(payload)] {  // <-- no strand
      handle_request_unsafe(conn, p, race);
    });
  });
  return drive(server, in);
}

using namespace catalog;
SAFELAB_VARIANT(ServeRequests, "python", Style::python, clean(),
                "thread per connection; the GIL released around each blocking read/write",
                serve_requests_python);
SAFELAB_VARIANT(ServeRequests, "python-async", Style::python_async, clean(),
                "one event-loop thread, one io_context, the GIL held throughout",
                serve_requests_python_async);
SAFELAB_VARIANT(ServeRequests, "rust", Style::rust, clean(),
                "multi-threaded io_context, a strand per connection, no locks in handlers",
                serve_requests_rust);
SAFELAB_VARIANT(ServeRequests, "unsafe", Style::unsafe,
                reported(Tool::tsan, "data race", "handle_request_unsafe"),
                "multi-threaded io_context, per-connection state shared without a strand",
                serve_requests_unsafe);

}  // namespace safelab::pairs
