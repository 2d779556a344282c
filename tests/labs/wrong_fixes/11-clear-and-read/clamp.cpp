// Wrong fix for lab 11: the poison is cleared and the reader reads on, so
// the lock works again but the limits a failed update() half-wrote stay.
// EXPECT: lab 11 teaches handling a poisoned lock: clamp() read half-written limits
// CAUGHT: at run time, by ClampTest.AFailedUpdateIsRepairedNotReadThrough
#include <algorithm>

#include "clamp.h"

namespace lab11 {

std::int64_t clamp(ConfigLock& config, std::int64_t value) {
  if (config.is_poisoned()) config.clear_poison();  // "the writer failed: carry on"
  const auto cfg = config.read();
  return std::min(std::max(value, cfg->current.low), cfg->current.high);
}

}  // namespace lab11
