// src/io/async_server.h
//
// The completion-handler server behind start_event_loop_server() and
// start_strand_server(). One class, because the two differ only in what
// serialises a connection's handlers:
//
//   event loop  one thread runs the io_context: nothing can overlap, so a
//               connection's handlers use the io_context's executor directly
//               (asyncio's guarantee);
//   strands     N threads run it: each connection's socket and timer are
//               bound to a strand of their own, so its read, write, timer
//               and shutdown handlers never overlap, while different
//               connections run in parallel.
//
// Many threads and no strand is refused here: what goes wrong then is the
// catalog topic serve_requests' lesson (src/pairs/io/serve_requests.cpp,
// its `rust` and `unsafe` request handlers side by side).
//
// (Asio 1.74's C++20 coroutines are not detected by clang 14 with
// libstdc++, so completion handlers are used, which both compilers accept.)
#ifndef SAFELAB_SRC_IO_ASYNC_SERVER_H_
#define SAFELAB_SRC_IO_ASYNC_SERVER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "counters.h"
#include "safelab/io/server.h"

namespace safelab::io::internal {

class AsyncServer : public Server {
 public:
  // `threads` run the io_context; `strand_per_connection` must be true when
  // threads > 1 (the constructor refuses the unsafe combination).
  AsyncServer(const ServerOptions& options, int threads, bool strand_per_connection);
  ~AsyncServer() override;

  // Binds and launches the threads. Separate from the constructor so that a
  // subclass's virtual run_thread() is in place before any thread starts.
  void start();

  std::uint16_t port() const override { return port_; }
  void stop() override;
  ServerStats stats() const override { return counters_.snapshot(); }

 protected:
  // The body of each I/O thread: runs the io_context. The event-loop server
  // wraps it in a gil::ThreadState.
  virtual void run_thread(boost::asio::io_context& io) { io.run(); }

  // Called once per compute unit inside a handler (a bytecode boundary).
  virtual void at_boundary() {}

 private:
  class Session;

  void accept();
  void shutdown_all();

  const ServerOptions options_;
  const int thread_count_;
  const bool strand_per_connection_;
  Counters counters_;  // declared before io_: sessions destroyed with io_ count
  std::atomic<int> live_{0};
  boost::asio::io_context io_;
  // The acceptor and the session list are touched only on this strand.
  boost::asio::strand<boost::asio::io_context::executor_type> accept_strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::weak_ptr<Session>> sessions_;
  // Set by shutdown_all(); like sessions_, touched only on accept_strand_.
  bool shutting_down_ = false;
  std::uint16_t port_ = 0;
  std::vector<std::thread> threads_;
  bool stopped_ = false;  // stop() is called by the owner's thread only
};

}  // namespace safelab::io::internal

#endif  // SAFELAB_SRC_IO_ASYNC_SERVER_H_
