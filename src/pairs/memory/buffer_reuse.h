// src/pairs/memory/buffer_reuse.h
//
// Topic `buffer_reuse`: for each message, copy it into a heap buffer, hand
// the buffer to a sink that checksums and frees it, and log the message's
// header byte. Who frees the buffer, and when, is the whole topic: after the
// hand-over the sender must not read it (use-after-free) nor free it again
// (double free).
#ifndef SAFELAB_PAIRS_MEMORY_BUFFER_REUSE_H_
#define SAFELAB_PAIRS_MEMORY_BUFFER_REUSE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct BufferReuseInput {
  std::vector<std::string> messages;  // each at least one byte long
};

struct BufferReuseOutput {
  std::uint64_t messages = 0;
  std::uint64_t header_sum = 0;  // sum of every message's first byte
  std::uint64_t checksum = 0;    // what the sink computed over all bytes
};

struct BufferReuse {
  static constexpr std::string_view name = "buffer_reuse";
  static constexpr std::string_view summary =
      "a buffer handed to a sink that frees it: ownership, refcount, or use-after/double free";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::memory;
  static constexpr catalog::Params defaults{.threads = 1, .size = 1'000, .seed = 1};

  using Input = BufferReuseInput;
  using Output = BufferReuseOutput;

  static Input make_input(const catalog::Params& p);  // size = number of messages
  static Output reference(const Input& in);
  static std::string show(const Output& out);
};

BufferReuseOutput buffer_reuse_python(const BufferReuseInput& in);
BufferReuseOutput buffer_reuse_rust(const BufferReuseInput& in);
BufferReuseOutput buffer_reuse_unsafe(const BufferReuseInput& in);
BufferReuseOutput buffer_reuse_unsafe_double_free(const BufferReuseInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_MEMORY_BUFFER_REUSE_H_
