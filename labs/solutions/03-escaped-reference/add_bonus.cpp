// Lab 03, reference solution: the guard is a named local, so it lives until
// the end of the loop, and every `score += bonus` runs under the lock.
// (`scores.with([&](std::vector<int>& v) { ... })` is the other fix: the
// callback's scope *is* the lock's scope.)
#include "add_bonus.h"

namespace lab03 {

void add_bonus(safelab::own::Mutex<std::vector<int>>& scores, int bonus) {
  auto guard = scores.lock();
  for (int& score : *guard) score += bonus;
}

}  // namespace lab03
