// src/io/counters.h
//
// The atomic counters behind ServerStats, shared by the three servers.
// Relaxed: each counter is exact, and nothing is ordered by them.
#ifndef SAFELAB_SRC_IO_COUNTERS_H_
#define SAFELAB_SRC_IO_COUNTERS_H_

#include <atomic>
#include <cstdint>

#include "safelab/io/server.h"

namespace safelab::io::internal {

struct Counters {
  std::atomic<std::uint64_t> accepted{0}, rejected{0}, answered{0}, bad_frames{0}, refused{0},
      truncated{0}, timeouts{0};

  static void bump(std::atomic<std::uint64_t>& c) { c.fetch_add(1, std::memory_order_relaxed); }

  // Counts one response by its status.
  void count(Status status) {
    switch (status) {
      case Status::ok: bump(answered); break;
      case Status::refused: bump(refused); break;
      case Status::bad_request:
      case Status::frame_too_large: bump(bad_frames); break;
    }
  }

  ServerStats snapshot() const {
    auto get = [](const std::atomic<std::uint64_t>& c) {
      return c.load(std::memory_order_relaxed);
    };
    return {get(accepted), get(rejected),  get(answered), get(bad_frames),
            get(refused),  get(truncated), get(timeouts)};
  }
};

// The response to a frame a stopping server will not run: Status::refused,
// naming the request when its header is readable.
Response refusal(std::string_view payload);

// The response to a declared length over the limit.
Response too_large_response(std::size_t max_payload);

}  // namespace safelab::io::internal

#endif  // SAFELAB_SRC_IO_COUNTERS_H_
