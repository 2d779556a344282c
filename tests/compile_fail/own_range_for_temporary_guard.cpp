// Must not compile with Clang (-Wdangling): the range-for's initialiser
// keeps a reference to the data but not the temporary guard, which is
// destroyed before the body runs, so every ++x is unlocked (the catalog's
// escaped_reference topic; TSan reports the race at run time).
#include <vector>

#include "safelab/own/mutex.h"

void bump_all(safelab::own::Mutex<std::vector<int>>& m) {
  for (int& x : *m.lock()) ++x;  // <-- body runs after the unlock
}
