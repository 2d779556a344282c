// src/pairs/concurrency/pipeline.h
//
// Topic `pipeline`: a producer fills `size` buffers, T workers checksum
// them, the checksums are summed. Buffers change hands between threads:
// through a locked queue, a channel that moves them, a library pipeline, or
// a buffer the producer keeps using after handing it over.
#ifndef SAFELAB_PAIRS_CONCURRENCY_PIPELINE_H_
#define SAFELAB_PAIRS_CONCURRENCY_PIPELINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct PipelineInput {
  int threads;           // workers (the producer is one more thread)
  std::int64_t buffers;  // how many buffers flow through
  std::uint64_t seed;
};

// One buffer: kBufferBytes bytes derived from (seed, index). Move-only where
// the variant can make it so.
inline constexpr std::size_t kBufferBytes = 4096;

// Fills `out` with buffer `index`'s bytes (the producer's stage).
void fill_buffer(std::uint64_t seed, std::int64_t index, std::vector<std::uint8_t>& out);
// The workers' stage: a checksum of one buffer.
std::uint64_t checksum(const std::vector<std::uint8_t>& bytes);

struct Pipeline {
  static constexpr std::string_view name = "pipeline";
  static constexpr std::string_view summary =
      "producer -> workers: a locked queue, moved buffers, a TBB pipeline, or use after send";
  static constexpr std::string_view lab = "labs/04-channels";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 20'000, .seed = 1};

  using Input = PipelineInput;
  using Output = std::uint64_t;  // sum of every buffer's checksum

  static Input make_input(const catalog::Params& p) { return {p.threads, p.size, p.seed}; }
  static Output reference(const Input& in);  // one thread, no queue
  static std::string show(const Output& sum) { return std::to_string(sum); }
};

std::uint64_t pipeline_python(const PipelineInput& in);
std::uint64_t pipeline_rust(const PipelineInput& in);
std::uint64_t pipeline_tbb(const PipelineInput& in);
std::uint64_t pipeline_unsafe(const PipelineInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_PIPELINE_H_
