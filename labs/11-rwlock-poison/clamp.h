// labs/11-rwlock-poison/clamp.h (do not edit: the tests and the solution
// share these declarations)
#ifndef SAFELAB_LABS_11_CLAMP_H_
#define SAFELAB_LABS_11_CLAMP_H_

#include <cstdint>
#include <stdexcept>

#include "safelab/own/rwlock.h"

namespace lab11 {

// Limits: a range of allowed values. Invariant: low <= high.
struct Limits {
  std::int64_t low = 0;
  std::int64_t high = 100;
};

// Config: what the RwLock owns. `current` is what clamp() applies;
// `committed` is a copy of the last update that completed.
struct Config {
  Limits current;
  Limits committed;
};

using ConfigLock = safelab::own::RwLock<Config>;

// update()
//
// The one writer, given: it writes `low` before it checks the new range, so
// a bad update throws std::invalid_argument with `current` half-written
// (low > high). Any writer can fail half way (an allocation, a parse error);
// the lock cannot undo it, but it remembers: the write guard unwound by the
// exception poisons the RwLock.
inline void update(ConfigLock& config, Limits next) {
  auto cfg = config.write();
  cfg->current.low = next.low;
  if (next.low > next.high) throw std::invalid_argument("update: low > high");
  cfg->current.high = next.high;
  cfg->committed = cfg->current;
}

// clamp()
//
// `value` clamped to the current limits. Called by many threads at once:
// readers share the lock. If a failed update() poisoned it, clamp() first
// restores the committed limits and clears the poison.
std::int64_t clamp(ConfigLock& config, std::int64_t value);

}  // namespace lab11

#endif  // SAFELAB_LABS_11_CLAMP_H_
