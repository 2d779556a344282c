// Must not compile with Clang (-Wdangling): the Ref is a temporary, so the
// borrow ends at the ';' while `x` still refers into the cell; a later
// borrow_mut() would succeed and alias it. Rust: E0716, "temporary value
// dropped while borrowed".
#include "safelab/mem/refcell.h"

int read_after_release(const safelab::mem::RefCell<int>& cell) {
  const int& x = *cell.borrow();  // <-- reference outlives the borrow
  return x;
}
