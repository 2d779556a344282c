// Must not compile: an RwLock write guard is thread-bound. Rust's docs:
// "impl<T: ?Sized> !Send for RwLockWriteGuard<'_, T>".
#include "safelab/own/channel.h"
#include "safelab/own/rwlock.h"

void send_write_guard(safelab::own::RwLock<int>& lock) {
  auto [tx, rx] = safelab::own::channel<safelab::own::RwLockWriteGuard<int>>();  // <--
  static_cast<void>(tx.send(lock.write()));
}
