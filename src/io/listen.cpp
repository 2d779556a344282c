#include "listen.h"

#include <string>
#include <system_error>

namespace safelab::io::internal {

std::uint16_t listen_on_loopback(boost::asio::ip::tcp::acceptor& acceptor, std::uint16_t port) {
  using boost::asio::ip::tcp;
  const tcp::endpoint endpoint(boost::asio::ip::address_v4::loopback(), port);
  boost::system::error_code ec;
  // SO_REUSEADDR only lets a restarted server reuse a port in TIME_WAIT; a
  // port with a live listener still fails with EADDRINUSE.
  if (!acceptor.open(endpoint.protocol(), ec) &&
      !acceptor.set_option(tcp::acceptor::reuse_address(true), ec) &&
      !acceptor.bind(endpoint, ec) && !acceptor.listen(tcp::acceptor::max_listen_connections, ec)) {
    return acceptor.local_endpoint().port();
  }
  throw std::system_error(ec.value(), std::system_category(),
                          "listen on 127.0.0.1:" + std::to_string(port));
}

}  // namespace safelab::io::internal
