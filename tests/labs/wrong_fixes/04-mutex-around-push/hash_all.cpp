// Wrong fix for lab 04: a std::mutex around push_back. Correct and silent
// under TSan, but it is the shared state the lab replaces with a channel.
// EXPECT: lab 04 teaches channels instead of shared state: the exercise still uses std::mutex
#include "hash_all.h"

#include <algorithm>
#include <mutex>

#include "safelab/own/scope.h"

namespace lab04 {

std::vector<std::uint64_t> hash_all(const std::vector<std::string>& inputs, int workers) {
  std::vector<std::uint64_t> hashes;
  std::mutex mu;
  safelab::own::scope([&](safelab::own::Scope& s) {
    for (int w = 0; w < workers; ++w) {
      s.spawn([&, w] {
        for (std::size_t i = static_cast<std::size_t>(w); i < inputs.size();
             i += static_cast<std::size_t>(workers)) {
          const std::uint64_t h = fnv1a(inputs[i]);
          std::lock_guard lock(mu);
          hashes.push_back(h);
        }
      });
    }
  });
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

}  // namespace lab04
