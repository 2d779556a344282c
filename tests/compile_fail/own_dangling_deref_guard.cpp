// Must not compile with Clang (-Wdangling, an error under -Werror): the
// guard is a temporary destroyed at the ';', so `x` refers to the data after
// the unlock. lock() and the guard's `*` are [[clang::lifetimebound]]. Rust:
// "temporary value dropped while borrowed" (E0716).
#include "safelab/own/mutex.h"

int read_unlocked(safelab::own::Mutex<int>& m) {
  int& x = *m.lock();  // <-- reference outlives the guard
  return x;
}
