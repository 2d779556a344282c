// Must not compile: a MutexGuard is thread-bound. Rust's docs:
// "impl<T: ?Sized> !Send for MutexGuard<'_, T>". Moved into another thread,
// the guard would unlock the mutex there, and pthread_mutex_unlock from a
// thread that does not hold the mutex is undefined.
#include "safelab/own/mutex.h"
#include "safelab/own/scope.h"

void spawn_with_guard() {
  safelab::own::Mutex<int> m(0);
  safelab::own::scope([&](safelab::own::Scope& s) {
    s.spawn([](safelab::own::MutexGuard<int> g) { ++*g; }, m.lock());  // <-- guard
  });
}
