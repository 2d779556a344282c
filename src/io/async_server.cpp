// The completion-handler server: one Session per connection, all of whose
// handlers run on one executor (a strand, or the single loop thread).
#include "async_server.h"

#include "listen.h"

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>
#include <system_error>

namespace safelab::io::internal {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Responses queued beyond this many bytes pause reading until the peer
// catches up: a client that pipelines without reading cannot grow the
// server's memory without bound.
constexpr std::size_t kOutboxHighWater = 1 << 20;

// At most this many bytes are read to find requests to refuse on shutdown.
constexpr std::size_t kDrainBudget = 1 << 20;

// Session
//
// One connection. Every member is touched only by handlers running on
// `executor_`, which is why none of them needs a lock. Kept alive by the
// shared_ptr each pending handler holds.
class AsyncServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(AsyncServer& server, tcp::socket socket)
      : server_(server),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        reader_(server.options_.max_payload) {
    server_.live_.fetch_add(1, std::memory_order_relaxed);
  }
  ~Session() { server_.live_.fetch_sub(1, std::memory_order_relaxed); }

  // Runs on the session's executor from here on.
  void start() {
    asio::dispatch(executor(), [self = shared_from_this()] {
      self->last_progress_ = Clock::now();
      self->arm_timer(self->last_progress_ + self->server_.options_.idle_timeout);
      self->start_read();
    });
  }

  // Asks the session to shut down (see Server::stop()); safe from any thread.
  void request_shutdown() {
    asio::dispatch(executor(), [self = shared_from_this()] { self->shutdown(); });
  }

 private:
  tcp::socket::executor_type executor() { return socket_.get_executor(); }

  void start_read() {
    read_pending_ = true;
    std::span<char> room = reader_.prepare();
    socket_.async_read_some(asio::buffer(room.data(), room.size()),
                            [self = shared_from_this()](boost::system::error_code ec,
                                                        std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(boost::system::error_code ec, std::size_t n) {
    read_pending_ = false;
    if (closed_) return;
    reader_.commit(n);
    process_frames();
    if (!ec && !stopping_ && !closing_) {
      // Backpressure: resume in on_write once the peer has read enough.
      if (outbox_.size() > kOutboxHighWater) {
        read_paused_ = true;
      } else {
        start_read();
      }
      return;
    }
    if (ec == asio::error::eof && reader_.buffered() > 0)
      Counters::bump(server_.counters_.truncated);
    // eof, reset, or our own cancel() from shutdown(): no more reads.
    enter_closing(/*drain=*/ec != asio::error::eof);
  }

  // Answers (or, once stopping, refuses) every complete frame buffered.
  void process_frames() {
    std::string_view payload;
    bool progressed = false;
    for (;;) {
      const FrameReader::Next next =
          closing_ ? FrameReader::Next::need_more : reader_.next(payload);
      if (next == FrameReader::Next::need_more) break;
      Response response;
      if (next == FrameReader::Next::too_large) {
        // The stream cannot be resynchronised: say why, then close.
        response = too_large_response(reader_.max_payload());
        closing_ = true;
      } else if (stopping_) {
        response = refusal(payload);
      } else {
        response = respond(payload, [this] { server_.at_boundary(); });
      }
      server_.counters_.count(response.status);
      append_frame(outbox_, response);
      progressed = true;
    }
    if (progressed) last_progress_ = Clock::now();
    if (!outbox_.empty() && !writing_) start_write();
  }

  void start_write() {
    writing_ = true;
    inflight_.clear();
    inflight_.swap(outbox_);
    asio::async_write(socket_, asio::buffer(inflight_),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->on_write(ec);
                      });
  }

  void on_write(boost::system::error_code ec) {
    writing_ = false;
    if (closed_) return;
    if (ec) {
      close_now();
      return;
    }
    last_progress_ = Clock::now();
    if (!outbox_.empty()) {
      start_write();
      return;
    }
    if (closing_) {
      maybe_finish();
    } else if (stopping_) {
      // shutdown() left the pending read alone while a write was in flight:
      // cancelling the socket would have aborted the write too.
      if (read_pending_) {
        socket_.cancel();
      } else {
        enter_closing(/*drain=*/true);
      }
    } else if (read_paused_) {
      read_paused_ = false;
      start_read();
    }
  }

  void shutdown() {
    if (closed_ || closing_ || stopping_) return;
    stopping_ = true;
    if (read_pending_ && !writing_) {
      socket_.cancel();  // on_read(operation_aborted) drains and closes
    } else if (!read_pending_ && !writing_) {
      enter_closing(/*drain=*/true);
    }
    // Otherwise a write is in flight; on_write carries on. The idle timer
    // keeps running, so a peer that never reads cannot stall stop().
  }

  // No more requests will be read. When stopping, complete requests already
  // in the kernel's receive buffer are refused explicitly rather than
  // silently dropped.
  void enter_closing(bool drain) {
    if (drain && stopping_ && !closing_) {
      // Bounded, so that a peer streaming at full speed cannot keep the
      // session draining forever.
      std::size_t budget = kDrainBudget;
      boost::system::error_code ec;
      while (budget > 0 && !closing_) {
        const std::size_t ready = std::min(socket_.available(ec), budget);
        if (ec || ready == 0) break;
        std::span<char> room = reader_.prepare(std::min<std::size_t>(ready, 64 * 1024));
        const std::size_t n = socket_.read_some(asio::buffer(room.data(), room.size()), ec);
        reader_.commit(n);
        budget -= std::min(n, budget);
        process_frames();
        if (ec || n == 0) break;
      }
    }
    closing_ = true;
    maybe_finish();
  }

  void maybe_finish() {
    if (!outbox_.empty() && !writing_) start_write();
    if (closing_ && !writing_ && outbox_.empty()) close_now();
  }

  void close_now() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
  }

  // The idle watchdog: one timer per connection, re-armed lazily from
  // last_progress_ instead of on every request.
  void arm_timer(Clock::time_point at) {
    timer_.expires_at(at);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->closed_) return;
      const auto deadline = self->last_progress_ + self->server_.options_.idle_timeout;
      if (Clock::now() >= deadline) {
        Counters::bump(self->server_.counters_.timeouts);
        self->close_now();
      } else {
        self->arm_timer(deadline);
      }
    });
  }

  AsyncServer& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  FrameReader reader_;
  std::string outbox_;    // responses not yet handed to the socket
  std::string inflight_;  // the bytes of the async_write in progress
  Clock::time_point last_progress_{};
  bool read_pending_ = false;
  bool read_paused_ = false;
  bool writing_ = false;
  bool stopping_ = false;  // stop() asked; refuse what is not yet read
  bool closing_ = false;   // no more reads; close once the outbox is sent
  bool closed_ = false;
};

AsyncServer::AsyncServer(const ServerOptions& options, int threads, bool strand_per_connection)
    : options_(options),
      thread_count_(threads),
      strand_per_connection_(strand_per_connection),
      accept_strand_(asio::make_strand(io_)),
      acceptor_(accept_strand_) {
  if (threads < 1) throw std::invalid_argument("AsyncServer: threads must be >= 1");
  if (threads > 1 && !strand_per_connection) {
    throw std::invalid_argument("AsyncServer: more than one thread needs a strand per connection");
  }
  if (options.idle_timeout <= std::chrono::milliseconds::zero()) {
    throw std::invalid_argument("ServerOptions: idle_timeout must be > 0");
  }
  (void)FrameReader(options.max_payload);  // validates max_payload
}

AsyncServer::~AsyncServer() { stop(); }

void AsyncServer::start() {
  port_ = listen_on_loopback(acceptor_, options_.port);
  accept();
  threads_.reserve(static_cast<std::size_t>(thread_count_));
  for (int i = 0; i < thread_count_; ++i) threads_.emplace_back([this] { run_thread(io_); });
}

void AsyncServer::accept() {
  // A new connection's socket gets its executor here: its own strand, or
  // the io_context itself on the single-threaded loop.
  auto on_accept = [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;  // acceptor closed by stop(), or out of descriptors
    if (live_.load(std::memory_order_relaxed) >= options_.max_connections) {
      Counters::bump(counters_.rejected);
      boost::system::error_code ignored;
      socket.close(ignored);
    } else {
      Counters::bump(counters_.accepted);
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto session = std::make_shared<Session>(*this, std::move(socket));
      // Forget sessions that are gone, so the list stays as long as the
      // live connections, not the server's history.
      if (sessions_.size() >= 64 &&
          sessions_.size() >= 2 * static_cast<std::size_t>(live_.load())) {
        std::erase_if(sessions_, [](const std::weak_ptr<Session>& s) { return s.expired(); });
      }
      sessions_.push_back(session);
      session->start();
      if (shutting_down_) {
        // Accepted before stop() closed the acceptor but handled after
        // shutdown_all(): shut it down like the others, or it would keep
        // stop() waiting until its idle timeout.
        session->request_shutdown();
      }
    }
    if (!shutting_down_) accept();
  };
  if (strand_per_connection_) {
    acceptor_.async_accept(asio::make_strand(io_), asio::bind_executor(accept_strand_, on_accept));
  } else {
    acceptor_.async_accept(io_, asio::bind_executor(accept_strand_, on_accept));
  }
}

void AsyncServer::shutdown_all() {
  shutting_down_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (const std::weak_ptr<Session>& weak : sessions_) {
    if (std::shared_ptr<Session> session = weak.lock()) session->request_shutdown();
  }
  sessions_.clear();
}

void AsyncServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (threads_.empty()) return;  // start() never ran or failed
  asio::post(accept_strand_, [this] { shutdown_all(); });
  // run() returns once the acceptor is closed and every session has
  // finished: nothing is abandoned mid-handler.
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

}  // namespace safelab::io::internal
