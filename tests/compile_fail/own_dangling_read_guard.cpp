// Must not compile with Clang (-Wdangling): a reference kept from a
// temporary read guard outlives the shared lock.
#include "safelab/own/rwlock.h"

int read_unlocked(const safelab::own::RwLock<int>& lock) {
  const int& x = *lock.read();  // <-- reference outlives the guard
  return x;
}
