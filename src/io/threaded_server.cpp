// start_threaded_server(): the `python` shape. A thread per connection,
// each a gil::ThreadState that releases the GIL around every blocking call.
//
// Sockets behave as a CPython socket with settimeout(): the descriptor is
// non-blocking and every recv/send first waits in poll() for readiness, with
// the GIL released around both (sock_call_ex in Modules/socketmodule.c). The
// poll also watches a stop eventfd, so that stop() wakes every thread.
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <list>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "counters.h"
#include "listen.h"
#include "safelab/gil/gil.h"

namespace safelab::io {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

enum class Wait { ready, stopped, timed_out, failed };

// Waits until `fd` is ready for `events`, the stop eventfd fires (when
// `stop_fd` >= 0), or `deadline` passes. Called with the GIL released.
Wait wait_for(int fd, short events, int stop_fd, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return Wait::timed_out;
    pollfd fds[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    const int n = ::poll(fds, stop_fd >= 0 ? 2 : 1, static_cast<int>(left.count()));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Wait::failed;
    }
    if (n == 0) continue;  // re-checks the deadline
    if (stop_fd >= 0 && (fds[1].revents & POLLIN) != 0) return Wait::stopped;
    return Wait::ready;  // including POLLERR/POLLHUP: the next call reports it
  }
}

class ThreadedServer : public Server {
 public:
  ThreadedServer(const ServerOptions& options, gil::Gil& gil)
      : options_(options), gil_(gil), acceptor_(io_) {
    if (options.idle_timeout <= std::chrono::milliseconds::zero()) {
      throw std::invalid_argument("ServerOptions: idle_timeout must be > 0");
    }
    (void)FrameReader(options.max_payload);  // validates max_payload
    stop_fd_ = ::eventfd(0, EFD_CLOEXEC);
    if (stop_fd_ < 0) throw std::system_error(errno, std::system_category(), "eventfd");
    try {
      port_ = internal::listen_on_loopback(acceptor_, options.port);
      acceptor_.non_blocking(true);
    } catch (...) {
      ::close(stop_fd_);
      throw;
    }
    acceptor_thread_ = std::thread([this] { accept_loop(); });
  }

  ~ThreadedServer() override {
    stop();
    ::close(stop_fd_);
  }

  std::uint16_t port() const override { return port_; }
  ServerStats stats() const override { return counters_.snapshot(); }

  void stop() override {
    if (stopped_) return;
    stopped_ = true;
    const std::uint64_t one = 1;
    // The eventfd stays readable from now on: every poll that watches it
    // returns at once, in every thread.
    [[maybe_unused]] const ssize_t n = ::write(stop_fd_, &one, sizeof one);
    acceptor_thread_.join();
    // The acceptor is gone: nobody else touches connections_ now.
    for (Connection& c : connections_) c.thread.join();
    connections_.clear();
  }

 private:
  struct Connection {
    std::thread thread;
    std::atomic<bool> done{false};
  };

  void accept_loop() {
    gil::ThreadState ts(gil_, "acceptor");
    for (;;) {
      Wait w;
      {
        gil::AllowThreads allow(ts);
        w = wait_for(acceptor_.native_handle(), POLLIN, stop_fd_, Clock::time_point::max());
      }
      if (w != Wait::ready) return;
      boost::system::error_code ec;
      tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec) continue;  // would_block (the peer left), or EMFILE: try again
      reap();
      if (live_.load(std::memory_order_relaxed) >= options_.max_connections) {
        internal::Counters::bump(counters_.rejected);
        continue;  // `socket` closes as it goes out of scope
      }
      internal::Counters::bump(counters_.accepted);
      live_.fetch_add(1, std::memory_order_relaxed);
      Connection& c = connections_.emplace_back();
      c.thread = std::thread([this, &c, s = std::move(socket)]() mutable {
        serve(std::move(s));
        live_.fetch_sub(1, std::memory_order_relaxed);
        c.done.store(true, std::memory_order_release);
      });
    }
  }

  // Joins the threads of finished connections (acceptor thread only).
  void reap() {
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (it->done.load(std::memory_order_acquire)) {
        it->thread.join();
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }

  // One connection, start to close. The GIL is held except inside the
  // AllowThreads scopes, exactly around the blocking calls.
  void serve(tcp::socket socket) {
    gil::ThreadState ts(gil_, "conn");
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    socket.set_option(tcp::no_delay(true), ec);
    const int fd = socket.native_handle();
    FrameReader reader(options_.max_payload);
    std::string out;
    bool stopping = false;
    bool closing = false;
    Clock::time_point progress = Clock::now();

    auto answer_buffered = [&] {
      std::string_view payload;
      while (!closing) {
        const FrameReader::Next next = reader.next(payload);
        if (next == FrameReader::Next::need_more) return;
        Response response;
        if (next == FrameReader::Next::too_large) {
          response = internal::too_large_response(options_.max_payload);
          closing = true;
        } else if (stopping) {
          response = internal::refusal(payload);
        } else {
          response = respond(payload, [&ts] { ts.tick(); });  // "bytecode"
        }
        counters_.count(response.status);
        append_frame(out, response);
        progress = Clock::now();
      }
    };

    // sendall(): false if the peer is gone or stopped reading for too long.
    auto flush = [&]() -> bool {
      std::size_t sent = 0;
      while (sent < out.size()) {
        std::size_t n = 0;
        Wait w = Wait::ready;
        {
          gil::AllowThreads allow(ts);
          n = socket.write_some(asio::buffer(out.data() + sent, out.size() - sent), ec);
          if (ec == asio::error::would_block) {
            w = wait_for(fd, POLLOUT, -1, Clock::now() + options_.idle_timeout);
          }
        }
        if (ec && ec != asio::error::would_block) return false;
        if (w == Wait::timed_out) internal::Counters::bump(counters_.timeouts);
        if (w != Wait::ready) return false;
        sent += n;
      }
      out.clear();
      return true;
    };

    // recv(): appends what arrives; false at end of stream, error or
    // timeout. Sets `stopping` when stop() fires instead.
    auto receive = [&]() -> bool {
      for (;;) {
        std::size_t n = 0;
        Wait w = Wait::ready;
        std::span<char> room = reader.prepare();
        {
          gil::AllowThreads allow(ts);
          n = socket.read_some(asio::buffer(room.data(), room.size()), ec);
          if (ec == asio::error::would_block) {
            w = wait_for(fd, POLLIN, stopping ? -1 : stop_fd_, progress + options_.idle_timeout);
          }
        }
        reader.commit(n);
        if (!ec) return true;
        if (ec == asio::error::eof) {
          if (reader.buffered() > 0) internal::Counters::bump(counters_.truncated);
          return false;
        }
        if (ec != asio::error::would_block) return false;
        if (w == Wait::stopped) {
          stopping = true;
          return true;
        }
        if (w == Wait::timed_out) internal::Counters::bump(counters_.timeouts);
        if (w != Wait::ready) return false;
      }
    };

    while (!closing) {
      answer_buffered();
      if (!out.empty() && !flush()) return;
      if (closing) break;
      if (stopping) {
        drain(socket, reader, [&] { answer_buffered(); });
        if (!out.empty()) flush();
        break;
      }
      if (!receive()) break;
    }
    if (!out.empty()) flush();
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }

  // On stop: reads what already sits in the receive buffer (bounded) so
  // that complete requests in it are refused explicitly.
  template <class Answer>
  static void drain(tcp::socket& socket, FrameReader& reader, Answer&& answer) {
    boost::system::error_code ec;
    for (std::size_t budget = 1 << 20; budget > 0;) {
      std::span<char> room = reader.prepare(std::min<std::size_t>(budget, 64 * 1024));
      const std::size_t n = socket.read_some(asio::buffer(room.data(), room.size()), ec);
      reader.commit(n);
      answer();
      if (ec || n == 0) return;  // would_block: nothing more is waiting
      budget -= std::min(n, budget);
    }
  }

  const ServerOptions options_;
  gil::Gil& gil_;
  internal::Counters counters_;
  std::atomic<int> live_{0};
  asio::io_context io_;  // owns no threads: only the sockets' service
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  int stop_fd_ = -1;
  std::thread acceptor_thread_;
  std::list<Connection> connections_;  // acceptor thread, then stop()
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<Server> start_threaded_server(const ServerOptions& options, gil::Gil& gil) {
  return std::make_unique<ThreadedServer>(options, gil);
}

}  // namespace safelab::io
