// Lab 04: channels instead of shared state. Read README.md first; the lines
// to change carry a TODO.
#include "hash_all.h"

#include <algorithm>

#include "safelab/own/scope.h"

namespace lab04 {

std::vector<std::uint64_t> hash_all(const std::vector<std::string>& inputs, int workers) {
  std::vector<std::uint64_t> hashes;  // TODO: every worker pushes here: shared, unguarded state
  hashes.reserve(inputs.size());      // TODO: (with a channel there is nothing to reserve)
  safelab::own::scope([&](safelab::own::Scope& s) {
    for (int w = 0; w < workers; ++w) {
      s.spawn([&, w] {  // TODO: give each worker its own Sender instead of `hashes`
        for (std::size_t i = static_cast<std::size_t>(w); i < inputs.size();
             i += static_cast<std::size_t>(workers)) {
          hashes.push_back(fnv1a(inputs[i]));  // TODO: send the hash instead
        }
      });
    }
  });  // TODO: receive the hashes (before the scope ends, or after: think about who waits)
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

}  // namespace lab04
