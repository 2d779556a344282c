// src/io/listen.h
//
// Opening a listening socket on 127.0.0.1, shared by the servers, with
// Asio's boost::system errors turned into std::system_error so that users of
// safelab::io never need Boost's exception types.
#ifndef SAFELAB_SRC_IO_LISTEN_H_
#define SAFELAB_SRC_IO_LISTEN_H_

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>

namespace safelab::io::internal {

// Binds `acceptor` to 127.0.0.1:`port` (0: ephemeral), listens, and returns
// the port. Throws std::system_error naming the address on failure.
std::uint16_t listen_on_loopback(boost::asio::ip::tcp::acceptor& acceptor, std::uint16_t port);

}  // namespace safelab::io::internal

#endif  // SAFELAB_SRC_IO_LISTEN_H_
