// Must not compile (-Werror): try_borrow_mut() returns a [[nodiscard]] err::Result; dropping it
// would silently ignore a refused borrow (Rust: `unused Result` warning).
#include "safelab/mem/refcell.h"

void discard_try_borrow(const safelab::mem::RefCell<int>& cell) {
  cell.try_borrow_mut();  // <-- the guard or the BorrowError, thrown away
}
