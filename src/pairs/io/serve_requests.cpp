// Topic `serve_requests`, four ways. Every variant runs the same load
// generator against its own server on 127.0.0.1 and reports what came back.
//
//   python        a thread per connection on blocking sockets, each thread
//                 a GIL ThreadState that releases the GIL around every
//                 blocking read and write (socketserver + CPython sockets).
//   python-async  one thread, one io_context, the GIL held throughout
//                 (asyncio): no parallelism, and no races either.
//   rust          a multi-threaded io_context with a strand per connection:
//                 a connection's handlers never overlap, different
//                 connections run in parallel, and no handler takes a lock.
//   unsafe        the same multi-threaded io_context *without* the strand:
//                 to let one connection's pipelined requests use every
//                 core, each request is posted straight to the io_context.
//                 The outbox got a mutex; the per-connection `answered`
//                 counter did not. ThreadSanitizer reports a data race in
//                 handle_request_unsafe, and answers are miscounted.
#include "serve_requests.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "../race_barrier.h"
#include "safelab/gil/gil.h"
#include "safelab/io/server.h"

namespace safelab::pairs {

namespace asio = boost::asio;
using asio::ip::tcp;

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
ServeRequestsOutput drive(io::Server& server, io::LoadOptions in) {
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

// rust: many threads, one strand per connection.
ServeRequestsOutput serve_requests_rust(const io::LoadOptions& in) {
  auto server = io::start_strand_server({.threads = 2});
  return drive(*server, in);
}

// ---------------------------------------------------------------------------
// unsafe: the strand server's session with the strand taken away.

namespace {

struct UnsafeConnection {
  explicit UnsafeConnection(tcp::socket s) : socket(std::move(s)) {}

  tcp::socket socket;
  io::FrameReader reader;  // read side only: one read in flight at a time
  std::mutex out_mu;       // the outbox was given a lock...
  std::string outbox, inflight;
  bool writing = false;
  std::uint64_t answered = 0;  // ...this counter was not
};

class UnsafeServer {
 public:
  UnsafeServer() : acceptor_(io_, {asio::ip::address_v4::loopback(), 0}) { accept(); }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void run(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }

  // Stops the loop and sums the per-connection counters.
  std::uint64_t stop() {
    io_.stop();
    threads_.clear();  // joins
    std::uint64_t total = 0;
    for (const auto& c : connections_) total += c->answered;
    return total;
  }

 private:
  void accept() {
    acceptor_.async_accept(io_, [this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      auto conn = std::make_shared<UnsafeConnection>(std::move(socket));
      connections_.push_back(conn);  // accept handlers are one chain: no overlap
      read(conn);
      accept();
    });
  }

  void read(const std::shared_ptr<UnsafeConnection>& conn) {
    std::span<char> room = conn->reader.prepare();
    conn->socket.async_read_some(
        asio::buffer(room.data(), room.size()),
        [this, conn](boost::system::error_code ec, std::size_t n) {
          if (ec) return;
          conn->reader.commit(n);
          std::string_view payload;
          while (conn->reader.next(payload) == io::FrameReader::Next::frame) {
            // The strand server would post to the
            // connection's strand here.
            asio::post(io_,
                       [this, conn, p = std::string(payload)] { handle_request_unsafe(*conn, p); });
          }
          read(conn);
        });
  }

  // BROKEN ON PURPOSE: two requests of one connection run this at once on
  // two threads, and both update `conn.answered` with no strand and no lock.
  [[gnu::noinline]] void handle_request_unsafe(UnsafeConnection& conn, const std::string& payload) {
    const io::Response response = io::respond(payload, [] {});
    // Connection 0's first two requests (ids 0 and 1) meet here, so that
    // the race happens on every run instead of sometimes.
    if (response.id < 2) race_.wait();
    conn.answered = conn.answered + 1;  // <-- the race: read, add, write, unsynchronised
    std::lock_guard hold(conn.out_mu);
    io::append_frame(conn.outbox, response);
    if (!conn.writing) write(conn);
  }

  // REQUIRES: conn.out_mu held.
  void write(UnsafeConnection& conn) {
    conn.writing = true;
    conn.inflight.clear();
    conn.inflight.swap(conn.outbox);
    asio::async_write(conn.socket, asio::buffer(conn.inflight),
                      [this, &conn](boost::system::error_code ec, std::size_t) {
                        std::lock_guard hold(conn.out_mu);
                        conn.writing = false;
                        if (!ec && !conn.outbox.empty()) write(conn);
                      });
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::vector<std::shared_ptr<UnsafeConnection>> connections_;
  RaceBarrier race_{2};
  std::vector<std::jthread> threads_;
};

}  // namespace

[[gnu::noinline]] ServeRequestsOutput serve_requests_unsafe(const io::LoadOptions& in) {
  UnsafeServer server;
  server.run(2);  // two threads at least, or the two requests could not meet
  io::LoadOptions load = in;
  load.port = server.port();
  const io::LoadReport report = io::run_load(load);
  return {report.ok, report.digest, server.stop(), report.error};
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
