// Lab 11: RwLock and poisoning. Read README.md first; the lines to change
// carry a TODO. `safelab labs check 11` tells you how you are doing.
#include "clamp.h"

#include <algorithm>

namespace lab11 {

std::int64_t clamp(ConfigLock& config, std::int64_t value) {
  // TODO: a failed update() poisoned the lock, and into_inner takes the guard
  // anyway: the limits below may be half-written. Notice it and repair them.
  const auto cfg = config.read_result().unwrap_or_else(safelab::own::into_inner);
  return std::min(std::max(value, cfg->current.low), cfg->current.high);
}

}  // namespace lab11
