// Must not compile: a RefMut resets a non-atomic borrow flag when destroyed.
// Rust's docs: "impl<T: ?Sized> !Send for RefMut<'_, T>".
#include "safelab/mem/refcell.h"
#include "safelab/own/scope.h"

void spawn_with_refmut(safelab::mem::RefCell<int>& cell) {
  safelab::own::scope([&](safelab::own::Scope& s) {
    s.spawn([](safelab::mem::RefCell<int>::RefMut w) { ++*w; }, cell.borrow_mut());  // <--
  });
}
