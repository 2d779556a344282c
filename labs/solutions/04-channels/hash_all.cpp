// Lab 04, reference solution: each worker owns a Sender and moves its
// hashes into the channel; the calling thread owns the only Receiver and is
// the only one that touches the result vector. Nothing is shared, so there
// is nothing to lock, and the channel's disconnection tells the receiver
// when every worker is finished.
#include "hash_all.h"

#include <algorithm>

#include "safelab/own/channel.h"
#include "safelab/own/scope.h"

namespace lab04 {

std::vector<std::uint64_t> hash_all(const std::vector<std::string>& inputs, int workers) {
  std::vector<std::uint64_t> hashes;
  // Named ends rather than `auto [tx, rx]`: Clang 14 cannot capture a
  // structured binding in a lambda (C++20 allows it; Clang 16 implements it).
  auto channel = safelab::own::channel<std::uint64_t>();
  auto& tx = channel.first;  // ours: copied into every worker, then dropped
  auto& rx = channel.second;
  safelab::own::scope([&](safelab::own::Scope& s) {
    for (int w = 0; w < workers; ++w) {
      s.spawn(
          [&inputs, w, workers](safelab::own::Sender<std::uint64_t> out) {
            for (std::size_t i = static_cast<std::size_t>(w); i < inputs.size();
                 i += static_cast<std::size_t>(workers)) {
              (void)out.send(fnv1a(inputs[i]));  // the receiver outlives every sender
            }
          },
          tx);
    }
    tx = {};  // drop ours: the loop below ends when the workers' copies are gone
    for (std::uint64_t h : rx) hashes.push_back(h);
  });
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

}  // namespace lab04
