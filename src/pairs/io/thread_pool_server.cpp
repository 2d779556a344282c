// The scaffolding shared by serve_requests' `rust` and `unsafe` variants:
// accept, read frames, write responses, all on each connection's strand.
#include "thread_pool_server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <span>
#include <stdexcept>
#include <string_view>

namespace safelab::pairs::internal {

namespace asio = boost::asio;
using asio::ip::tcp;

void Connection::send(io::Response response) {
  // dispatch, not post: a handler already on the strand appends at once.
  asio::dispatch(strand(), [this, r = std::move(response)] {
    io::append_frame(outbox_, r);
    if (!writing_) write();
  });
}

void Connection::read() {
  std::span<char> room = reader_.prepare();
  socket_.async_read_some(asio::buffer(room.data(), room.size()),
                          [this](boost::system::error_code ec, std::size_t n) {
                            if (ec) return;  // the client is done (or stop())
                            reader_.commit(n);
                            std::string_view payload;
                            while (reader_.next(payload) == io::FrameReader::Next::frame) {
                              (*on_request_)(*this, std::string(payload));
                            }
                            read();
                          });
}

void Connection::write() {
  writing_ = true;
  inflight_.clear();
  inflight_.swap(outbox_);
  asio::async_write(socket_, asio::buffer(inflight_),
                    [this](boost::system::error_code ec, std::size_t) {
                      writing_ = false;
                      if (!ec && !outbox_.empty()) write();
                    });
}

ThreadPoolServer::ThreadPoolServer(int threads, OnRequest on_request)
    : on_request_(std::move(on_request)),
      acceptor_(io_, {asio::ip::address_v4::loopback(), 0}),
      port_(acceptor_.local_endpoint().port()) {
  if (threads < 1) throw std::invalid_argument("ThreadPoolServer: threads must be >= 1");
  accept();
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
}

void ThreadPoolServer::accept() {
  // Each socket is accepted onto a new strand: from then on every handler
  // of its reads and writes runs there.
  acceptor_.async_accept(asio::make_strand(io_),
                         [this](boost::system::error_code ec, tcp::socket socket) {
                           if (ec) return;
                           auto conn = std::make_shared<Connection>(std::move(socket));
                           conn->on_request_ = &on_request_;
                           connections_.push_back(conn);
                           asio::dispatch(conn->strand(), [conn] { conn->read(); });
                           accept();
                         });
}

void ThreadPoolServer::stop() {
  io_.stop();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

io::ServerStats ThreadPoolServer::stats() const {
  io::ServerStats stats;
  for (const auto& conn : connections_) stats.answered += conn->answered;
  return stats;
}

}  // namespace safelab::pairs::internal
