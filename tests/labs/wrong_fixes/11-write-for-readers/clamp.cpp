// Wrong fix for lab 11: every reader takes the write lock, so the repair is
// easy to write, but the readers no longer share the lock: one at a time.
// EXPECT: lab 11 teaches readers that share an RwLock
// CAUGHT: at run time, by ClampTest.ReadersShareTheLock
#include <algorithm>

#include "clamp.h"

namespace lab11 {

std::int64_t clamp(ConfigLock& config, std::int64_t value) {
  auto cfg = config.write_result().unwrap_or_else(safelab::own::into_inner);
  if (config.is_poisoned()) {
    cfg->current = cfg->committed;
    config.clear_poison();
  }
  return std::min(std::max(value, cfg->current.low), cfg->current.high);
}

}  // namespace lab11
