// Must not compile: an RwLock read guard gives const access only.
#include "safelab/own/rwlock.h"

void write_through_read_guard(safelab::own::RwLock<int>& lock) {
  *lock.read() = 1;  // <-- writing under a shared lock
}
