// Must not compile: shared_ptr<RefCell<T>> is Rust's Arc<RefCell<T>>, which
// Rust refuses to send: "impl<T: ?Sized> !Sync for RefCell<T>", and Arc<T>
// is Send only "where T: Sync + Send". Two threads would update the cell's
// borrow count at once. (shared_ptr<own::Mutex<T>> is the fix.)
#include <memory>

#include "safelab/mem/refcell.h"
#include "safelab/own/channel.h"

void send_shared_cell() {
  auto cell = std::make_shared<safelab::mem::RefCell<int>>(0);
  auto [tx, rx] = safelab::own::channel<std::shared_ptr<safelab::mem::RefCell<int>>>();  // <--
  static_cast<void>(tx.send(cell));
}
