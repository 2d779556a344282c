// Must not compile: gc::Ref counts references without atomics, as Rust's Rc.
// Rust's docs: "Rc uses non-atomic reference counting. [...] Rc cannot be
// sent between threads, and consequently Rc does not implement Send."
#include "safelab/mem/gc.h"
#include "safelab/own/channel.h"

struct Node : safelab::mem::gc::Object {};

void send_gc_ref() {
  auto [tx, rx] = safelab::own::channel<safelab::mem::gc::Ref<Node>>();  // <-- Rc
}
