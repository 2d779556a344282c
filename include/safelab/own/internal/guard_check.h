// include/safelab/own/internal/guard_check.h
//
// The error raised when a moved-from (empty) guard is dereferenced. A guard
// that was moved away or unlock()ed owns nothing; reaching the data through
// it would be an unlocked access, so it throws instead of crashing.
#ifndef SAFELAB_OWN_INTERNAL_GUARD_CHECK_H_
#define SAFELAB_OWN_INTERNAL_GUARD_CHECK_H_

namespace safelab::own::internal {

// Throws std::logic_error naming the guard type. Out of line and cold, so the
// check costs one predictable branch at the call site.
[[noreturn, gnu::cold]] void throw_empty_guard(const char* guard_kind);

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_GUARD_CHECK_H_
