// A log-linear histogram: exact below 16 ns, then 16 sub-buckets per power
// of two. 976 counters cover every uint64 nanosecond value.
#include "safelab/mem/internal/pause_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace safelab::mem::gc::internal {

int PauseHistogram::bucket_of(std::uint64_t ns) {
  if (ns < kSub) return static_cast<int>(ns);
  const int octave = std::bit_width(ns) - 1;  // >= kSubBits
  const int shift = octave - kSubBits;
  const auto sub = static_cast<int>((ns >> shift) & (kSub - 1));
  return kSub + shift * kSub + sub;
}

std::uint64_t PauseHistogram::upper_bound_of(int bucket) {
  if (bucket < kSub) return static_cast<std::uint64_t>(bucket);
  const int shift = (bucket - kSub) / kSub;
  const auto sub = static_cast<std::uint64_t>((bucket - kSub) % kSub);
  const std::uint64_t lower = (kSub + sub) << shift;
  return lower + ((std::uint64_t{1} << shift) - 1);
}

void PauseHistogram::record(std::chrono::nanoseconds pause) {
  const auto ns = static_cast<std::uint64_t>(std::max<std::int64_t>(pause.count(), 0));
  ++buckets_[static_cast<std::size_t>(bucket_of(ns))];
  ++count_;
  total_ += ns;
  max_ = std::max(max_, ns);
}

void PauseHistogram::merge(const PauseHistogram& other) {
  for (std::size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  total_ += other.total_;
  max_ = std::max(max_, other.max_);
}

std::chrono::nanoseconds PauseHistogram::percentile(double q) const {
  if (count_ == 0) return std::chrono::nanoseconds(0);
  q = std::clamp(q, 0.0, 1.0);
  // The rank of the sample asked for, 1-based: p50 of 3 samples is the 2nd.
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[static_cast<std::size_t>(b)];
    if (seen >= rank) {
      return std::chrono::nanoseconds(static_cast<std::int64_t>(std::min(upper_bound_of(b), max_)));
    }
  }
  return max();
}

}  // namespace safelab::mem::gc::internal
