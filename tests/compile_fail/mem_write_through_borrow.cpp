// Must not compile: a RefCell shared borrow gives const access only (Rust:
// "cannot assign to data in dereference of `Ref<'_, i32>`").
#include "safelab/mem/refcell.h"

void write_through_borrow(const safelab::mem::RefCell<int>& cell) {
  *cell.borrow() = 1;  // <-- writing through a shared borrow
}
