// src/pairs/io/thread_pool_server.h
//
// The server scaffolding that serve_requests' `rust` and `unsafe` variants
// share, so that the two differ only in their request handler
// (serve_requests.cpp, side by side):
//
//   ThreadPoolServer  N threads run one io_context on 127.0.0.1; each
//                     accepted connection reads frames and hands every
//                     complete request to the variant's OnRequest.
//   Connection        one client: its socket, its reads and writes, and the
//                     per-connection state the request handlers share
//                     (`answered`).
//
// The transport itself is safe in both variants: a connection's socket is
// bound to a strand of its own, so its read and write handlers never overlap,
// and Connection::send() hops onto that strand from wherever it is called.
// What is left to the variant is where a request runs, which is the lesson.
//
// Deliberately minimal next to io::start_strand_server() (no idle timeout,
// backpressure or refusal on stop): the load generator is a well-behaved
// peer that reads every response before stop() is called.
#ifndef SAFELAB_PAIRS_IO_THREAD_POOL_SERVER_H_
#define SAFELAB_PAIRS_IO_THREAD_POOL_SERVER_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "safelab/io/protocol.h"
#include "safelab/io/server.h"

namespace safelab::pairs::internal {

class Connection {
 public:
  explicit Connection(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  // Connection::strand()
  //
  // The executor the socket was accepted onto: a strand of this connection's
  // own. Handlers posted to it run one at a time, in order.
  boost::asio::any_io_executor strand() { return socket_.get_executor(); }

  // Connection::send()
  //
  // Queues `response` and starts writing it; safe from any thread.
  void send(io::Response response);

  // Connection::answered
  //
  // The requests this connection answered, summed by ThreadPoolServer::stats().
  // The request handlers update it; whether they can overlap while doing so
  // is up to the variant.
  std::uint64_t answered = 0;

 private:
  friend class ThreadPoolServer;
  void read();   // on the strand
  void write();  // on the strand, with outbox_ not empty and no write in flight

  boost::asio::ip::tcp::socket socket_;
  io::FrameReader reader_;  // touched by the read loop only
  std::string outbox_;      // responses not yet handed to the socket...
  std::string inflight_;    // ...and those being written: strand only
  bool writing_ = false;
  const std::function<void(Connection&, std::string)>* on_request_ = nullptr;  // the server's
};

class ThreadPoolServer {
 public:
  // Runs for every complete request of a connection, on the connection's
  // strand, with the payload copied out of the read buffer.
  using OnRequest = std::function<void(Connection&, std::string payload)>;

  // Listens on an ephemeral port of 127.0.0.1 and starts `threads` threads.
  ThreadPoolServer(int threads, OnRequest on_request);
  ~ThreadPoolServer() { stop(); }

  std::uint16_t port() const { return port_; }

  // The io_context every thread runs: posting to it (rather than to a
  // connection's strand) lets a handler run on any thread, at any time.
  boost::asio::io_context& io() { return io_; }

  // Stops the io_context and joins the threads. Idempotent.
  void stop();

  // What the connections counted: `answered` only.
  // REQUIRES: stop() has returned (the counters are read without a lock).
  io::ServerStats stats() const;

 private:
  void accept();

  const OnRequest on_request_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  // Appended to by the accept handler only (one accept in flight at a time);
  // keeps every connection alive until the server goes.
  std::vector<std::shared_ptr<Connection>> connections_;
  std::uint16_t port_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace safelab::pairs::internal

#endif  // SAFELAB_PAIRS_IO_THREAD_POOL_SERVER_H_
