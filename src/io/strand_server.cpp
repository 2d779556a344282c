// start_strand_server(): the `rust` shape, a strand per connection.
#include <algorithm>
#include <thread>

#include "async_server.h"

namespace safelab::io {

std::unique_ptr<Server> start_strand_server(const ServerOptions& options) {
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto server = std::make_unique<internal::AsyncServer>(options, threads,
                                                        /*strand_per_connection=*/true);
  server->start();
  return server;
}

}  // namespace safelab::io
