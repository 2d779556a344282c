// Must not compile: a MutexGuard is the one proof of holding the lock;
// a copy would be a second owner that unlocks a lock it no longer holds.
#include "safelab/own/mutex.h"

int copy_guard() {
  safelab::own::Mutex<int> m(1);
  auto guard = m.lock();
  auto second = guard;  // <-- copying a guard
  return *second;
}
