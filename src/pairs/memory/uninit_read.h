// src/pairs/memory/uninit_read.h
//
// Topic `uninit_read`: copy a batch of sensor samples into a working buffer
// and count the samples at or above an alarm threshold. The unsafe variant's
// copy loop stops one short, so the last sample of the buffer is never
// written, and the count branches on whatever the allocator left there.
#ifndef SAFELAB_PAIRS_MEMORY_UNINIT_READ_H_
#define SAFELAB_PAIRS_MEMORY_UNINIT_READ_H_

#include <cstdint>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct UninitReadInput {
  std::vector<std::int32_t> samples;
  std::int32_t threshold;
};

struct UninitRead {
  static constexpr std::string_view name = "uninit_read";
  static constexpr std::string_view summary =
      "count samples over a threshold: initialised by construction, or an uninitialised read";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::memory;
  static constexpr catalog::Params defaults{.threads = 1, .size = 1'000, .seed = 1};

  using Input = UninitReadInput;
  using Output = std::int64_t;  // samples >= threshold

  static Input make_input(const catalog::Params& p);  // size = number of samples
  static Output reference(const Input& in);
  static std::string show(const Output& n) { return std::to_string(n); }
};

std::int64_t uninit_read_python(const UninitReadInput& in);
std::int64_t uninit_read_rust(const UninitReadInput& in);
std::int64_t uninit_read_unsafe(const UninitReadInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_MEMORY_UNINIT_READ_H_
