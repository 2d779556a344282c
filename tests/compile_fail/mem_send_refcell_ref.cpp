// Must not compile: a RefCell's Ref updates a non-atomic borrow count when
// copied or destroyed. Rust's docs: "impl<T: ?Sized> !Send for Ref<'_, T>".
#include "safelab/mem/refcell.h"
#include "safelab/own/channel.h"

void send_ref(safelab::mem::RefCell<int>& cell) {
  auto [tx, rx] = safelab::own::channel<safelab::mem::RefCell<int>::Ref>();  // <--
  static_cast<void>(tx.send(cell.borrow()));
}
