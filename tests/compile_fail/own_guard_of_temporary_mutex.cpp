// Must not compile with Clang (-Wdangling): the guard is kept, but the Mutex
// it points to is a temporary destroyed at the ';'. lock() is
// [[clang::lifetimebound]] on the Mutex.
#include "safelab/own/mutex.h"

int guard_outlives_mutex() {
  auto g = safelab::own::Mutex<int>(1).lock();  // <-- Mutex dies here
  return *g;
}
