// include/safelab/mem/internal/pause_histogram.h
//
// PauseHistogram: a fixed-size log-linear histogram of durations, used by
// gc::Heap to report collection pauses as p50/p99/max without keeping one
// sample per collection (a long-running heap collects millions of times).
//
// Values below 16 ns get one bucket each; above that every power of two is
// split into 16 linear sub-buckets, so a percentile is reported with at most
// 1/16 (6.25%) relative error, rounded up. The maximum is kept exactly.
// Internal to safelab: use gc::Heap::stats().
#ifndef SAFELAB_MEM_INTERNAL_PAUSE_HISTOGRAM_H_
#define SAFELAB_MEM_INTERNAL_PAUSE_HISTOGRAM_H_

#include <array>
#include <chrono>
#include <cstdint>

namespace safelab::mem::gc::internal {

class PauseHistogram {
 public:
  // PauseHistogram::record()
  //
  // Adds one sample. Negative durations count as zero.
  void record(std::chrono::nanoseconds pause);

  // PauseHistogram::merge()
  //
  // Adds every sample of `other` to this histogram.
  void merge(const PauseHistogram& other);

  // PauseHistogram::percentile()
  //
  // The smallest recorded bucket bound below which a fraction `q` (0..1) of
  // the samples fall, never above max(). Zero when there are no samples.
  std::chrono::nanoseconds percentile(double q) const;

  std::uint64_t count() const { return count_; }
  std::chrono::nanoseconds max() const { return std::chrono::nanoseconds(max_); }
  std::chrono::nanoseconds total() const { return std::chrono::nanoseconds(total_); }

 private:
  static constexpr int kSubBits = 4;  // 16 sub-buckets per octave
  static constexpr int kSub = 1 << kSubBits;
  static constexpr int kBuckets = kSub + (64 - kSubBits) * kSub;

  static int bucket_of(std::uint64_t ns);
  static std::uint64_t upper_bound_of(int bucket);

  std::array<std::uint64_t, kBuckets> buckets_{};
  std::uint64_t count_ = 0;
  std::uint64_t max_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace safelab::mem::gc::internal

#endif  // SAFELAB_MEM_INTERNAL_PAUSE_HISTOGRAM_H_
