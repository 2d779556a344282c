// tests/io/raw_client.h
//
// A deliberately primitive client for the robustness tests: it sends raw
// bytes (malformed frames included) to 127.0.0.1 and reads with a deadline,
// so that no test can hang on a server that misbehaves.
#ifndef SAFELAB_TESTS_IO_RAW_CLIENT_H_
#define SAFELAB_TESTS_IO_RAW_CLIENT_H_

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "safelab/io/protocol.h"

namespace safelab::io::testing {

inline constexpr std::chrono::seconds kTestDeadline{10};

class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : socket_(io_) {
    socket_.connect({boost::asio::ip::address_v4::loopback(), port});
    socket_.set_option(boost::asio::ip::tcp::no_delay(true));
  }

  void send(std::string_view bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }

  void send(const Request& request) {
    std::string frame;
    append_frame(frame, request);
    send(frame);
  }

  // Sends without blocking; returns how much the kernel took.
  // Whether the kernel would take more bytes within `deadline`.
  bool writable_within(std::chrono::milliseconds deadline) {
    return wait_for(POLLOUT, std::chrono::steady_clock::now() + deadline);
  }

  std::size_t send_some(std::string_view bytes) {
    const ssize_t n =
        ::send(socket_.native_handle(), bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    return n > 0 ? static_cast<std::size_t>(n) : 0;
  }

  // The next response, or nullopt at end of stream or after `deadline`.
  std::optional<Response> receive(std::chrono::milliseconds deadline = kTestDeadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::string_view payload;
    while (reader_.next(payload) != FrameReader::Next::frame) {
      if (!wait_readable(until)) return std::nullopt;
      std::span<char> room = reader_.prepare();
      boost::system::error_code ec;
      const std::size_t n = socket_.read_some(boost::asio::buffer(room.data(), room.size()), ec);
      reader_.commit(n);
      if (ec) return std::nullopt;
    }
    err::Result<Response, ParseError> parsed = parse_response(payload);
    if (!parsed) return std::nullopt;
    return std::move(*parsed);
  }

  // Whether the server closed the connection (EOF or reset) before
  // `deadline`, with no further response bytes.
  bool closed_by_server(std::chrono::milliseconds deadline = kTestDeadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    if (!wait_readable(until)) return false;
    char byte;
    boost::system::error_code ec;
    socket_.read_some(boost::asio::buffer(&byte, 1), ec);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

  // Closes with a reset instead of a FIN: the client "vanishes".
  void vanish() {
    socket_.set_option(boost::asio::socket_base::linger(true, 0));
    socket_.close();
  }

  void shutdown_send() { socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send); }

 private:
  bool wait_readable(std::chrono::steady_clock::time_point until) {
    return wait_for(POLLIN, until);
  }

  bool wait_for(short events, std::chrono::steady_clock::time_point until) {
    for (;;) {
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd fd{socket_.native_handle(), events, 0};
      const int n = ::poll(&fd, 1, static_cast<int>(left.count()));
      if (n > 0) return true;
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  FrameReader reader_{kDefaultMaxPayload + 64};
};

// Polls `done` until it holds or `limit` passes; returns its last value.
template <class Pred>
bool eventually(Pred done, std::chrono::milliseconds limit = kTestDeadline) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// A frame header declaring `length` payload bytes.
inline std::string frame_header(std::uint32_t length) {
  return {static_cast<char>(length >> 24), static_cast<char>(length >> 16),
          static_cast<char>(length >> 8), static_cast<char>(length)};
}

}  // namespace safelab::io::testing

#endif  // SAFELAB_TESTS_IO_RAW_CLIENT_H_
