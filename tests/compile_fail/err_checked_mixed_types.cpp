// Must not compile: checked arithmetic on operands of two types. Rust
// refuses `1i32.checked_add(2i64)` ("error[E0308]: mismatched types");
// safelab used to convert the second operand to int silently and return a
// wrong Some (5'000'000'000 + 1 "fitting" in an int). Now:
//
//   Clang: call to consteval function
//          'safelab::err::internal::SameTypeOperand<int>::SameTypeOperand<long long>'
//          is not a constant expression
//   GCC:   'b' is not a constant expression
//
// (The fix is to convert explicitly and check that it fits: `checked_cast`
// does not exist yet; `std::in_range<int>(b)` then `static_cast<int>(b)`.)
#include "safelab/err/checked.h"

safelab::err::Option<int> add(int a, long long b) { return safelab::err::checked_add(a, b); }
