// src/pairs/io/serve_requests.h
//
// Topic `serve_requests`: one loopback request/response workload (see
// include/safelab/io/protocol.h) served four ways. `threads` connections
// each send `size` pipelined requests (echoes, and every fourth a small
// computation); the output is what the clients received, summarised, and
// what the server counted.
#ifndef SAFELAB_PAIRS_IO_SERVE_REQUESTS_H_
#define SAFELAB_PAIRS_IO_SERVE_REQUESTS_H_

#include <cstdint>
#include <string>

#include "../catalog.h"
#include "io/load.h"

namespace safelab::pairs {

struct ServeRequestsOutput {
  std::uint64_t answered = 0;  // responses with Status::ok, as the clients saw them
  std::uint64_t digest = 0;    // order-independent digest of every response
  std::uint64_t served = 0;    // requests the server counted as answered
  std::string error;           // the load generator's first error, if any
};

struct ServeRequests {
  static constexpr std::string_view name = "serve_requests";
  static constexpr std::string_view summary =
      "a loopback server: GIL + thread per connection, event loop, strands, or a data race";
  static constexpr std::string_view lab = "labs/10-strands";
  static constexpr catalog::Family family = catalog::Family::io;
  // threads = client connections, size = requests per connection.
  static constexpr catalog::Params defaults{.threads = 4, .size = 200, .seed = 1};

  using Input = io::LoadOptions;  // port filled in by each variant
  using Output = ServeRequestsOutput;

  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);  // computed without a server
  static std::string show(const Output& out);
};

ServeRequestsOutput serve_requests_python(const io::LoadOptions& in);
ServeRequestsOutput serve_requests_python_async(const io::LoadOptions& in);
ServeRequestsOutput serve_requests_rust(const io::LoadOptions& in);
ServeRequestsOutput serve_requests_unsafe(const io::LoadOptions& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_IO_SERVE_REQUESTS_H_
