// Wrong fix for lab 11: the limits are repaired on every read, and the
// poison is never cleared, so the writer (write()) stays locked out.
// EXPECT: lab 11 teaches handling a poisoned lock: it is still poisoned after clamp() repaired it
// CAUGHT: at run time, by ClampTest.AFailedUpdateIsRepairedNotReadThrough
#include <algorithm>

#include "clamp.h"

namespace lab11 {

std::int64_t clamp(ConfigLock& config, std::int64_t value) {
  if (config.is_poisoned()) {
    auto cfg = config.write_result().unwrap_or_else(safelab::own::into_inner);
    cfg->current = cfg->committed;
  }
  const auto cfg = config.read_result().unwrap_or_else(safelab::own::into_inner);
  return std::min(std::max(value, cfg->current.low), cfg->current.high);
}

}  // namespace lab11
