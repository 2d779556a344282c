// The out-of-line, cold paths of the own family's locks: PoisonError (one
// home for its vtable and message) and the empty-guard error.
#include "safelab/own/poison.h"

#include <stdexcept>
#include <string>

#include "safelab/own/internal/guard_check.h"

namespace safelab::own {

PoisonError::PoisonError(const char* lock_kind)
    : std::runtime_error(std::string("safelab::own::") + lock_kind +
                         " is poisoned: a previous holder exited by exception and may have left "
                         "the data inconsistent; recover with clear_poison() or "
                         "lock_result().into_inner()") {}

PoisonError::~PoisonError() = default;

}  // namespace safelab::own

namespace safelab::own::internal {

void throw_empty_guard(const char* guard_kind) {
  throw std::logic_error(std::string("safelab::own::") + guard_kind +
                         ": dereferenced a guard that no longer holds its lock (moved from, or "
                         "unlock() called)");
}

}  // namespace safelab::own::internal
