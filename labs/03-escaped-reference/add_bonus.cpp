// Lab 03: Mutex<T> owns the data, but C++ lets a reference escape the
// guard. Read README.md first; the line to change carries a TODO.
#include "add_bonus.h"

namespace lab03 {

void add_bonus(safelab::own::Mutex<std::vector<int>>& scores, int bonus) {
  for (int& score : *scores.lock()) score += bonus;  // TODO: when is the guard destroyed?
}

}  // namespace lab03
