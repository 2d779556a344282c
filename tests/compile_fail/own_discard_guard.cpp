// Must not compile under -Werror: lock() returns a [[nodiscard]] guard;
// discarding it locks and immediately unlocks, protecting nothing.
#include "safelab/own/mutex.h"

void discard_guard() {
  safelab::own::Mutex<int> m(1);
  m.lock();  // <-- guard discarded
}
