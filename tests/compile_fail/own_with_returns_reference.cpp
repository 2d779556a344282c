// Must not compile: with() refuses a callable that returns a reference into
// the protected data, which would outlive the lock.
#include "safelab/own/mutex.h"

int& leak_reference(safelab::own::Mutex<int>& m) {
  return m.with([](int& v) -> int& { return v; });  // <-- escapes the lock
}
