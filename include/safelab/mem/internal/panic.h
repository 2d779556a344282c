// include/safelab/mem/internal/panic.h
//
// The mem family's unrecoverable-error path (Rust's panic!): prints
// "safelab panic: <message>" on stderr and aborts. Used where Rust would
// panic (RefCell::borrow_mut on a borrowed cell, an out-of-range arena
// index); every such API also has a checked form that returns an error.
#ifndef SAFELAB_MEM_INTERNAL_PANIC_H_
#define SAFELAB_MEM_INTERNAL_PANIC_H_

#include <string_view>

namespace safelab::mem::internal {

[[noreturn]] void panic(std::string_view message) noexcept;

}  // namespace safelab::mem::internal

#endif  // SAFELAB_MEM_INTERNAL_PANIC_H_
