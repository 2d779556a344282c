// Must not compile: an RwLock read guard is thread-bound. Rust's docs:
// "impl<T: ?Sized> !Send for RwLockReadGuard<'_, T>".
#include "safelab/own/channel.h"
#include "safelab/own/rwlock.h"

void send_read_guard(safelab::own::RwLock<int>& lock) {
  auto [tx, rx] = safelab::own::channel<safelab::own::RwLockReadGuard<int>>();  // <--
  static_cast<void>(tx.send(lock.read()));
}
