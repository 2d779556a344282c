// The out-of-line, cold paths of the own family's locks: PoisonError (one
// home for its vtable and message), the empty-guard error, and locating the
// runtime's uncaught-exception counter for internal::uncaught_exceptions().
#include "safelab/own/poison.h"

#include <cstddef>
#include <stdexcept>
#include <string>

#include "safelab/own/internal/guard_check.h"

namespace safelab::own {

PoisonError<void>::PoisonError(const char* lock_kind)
    : std::runtime_error(std::string("safelab::own::") + lock_kind +
                         " is poisoned: a previous holder exited by exception and may have left "
                         "the data inconsistent; recover with clear_poison() or "
                         "lock_result().unwrap_or_else(own::into_inner)") {}

PoisonError<void>::~PoisonError() = default;

}  // namespace safelab::own

namespace safelab::own::internal {

void throw_poison_error(const char* lock_kind) { throw PoisonError<>(lock_kind); }

#if defined(SAFELAB_OWN_ITANIUM_EH_GLOBALS)
namespace {

// The Itanium C++ ABI (section 2.2.2, "Caught exception stack", followed by
// libstdc++'s libsupc++ and by libc++abi) gives every thread one
//   struct __cxa_eh_globals { __cxa_exception* caughtExceptions;
//                             unsigned int uncaughtExceptions; };
// and std::uncaught_exceptions() returns its second field. <cxxabi.h>
// declares the struct but does not define it, hence this mirror, used only
// for the field's offset.
struct EhGlobalsLayout {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

}  // namespace

const unsigned int* uncaught_exceptions_slot() noexcept {
  // __cxa_get_globals() never returns null (the runtime terminates if it
  // cannot allocate the block), and the block stays where it is for the
  // thread's lifetime, so the address may be cached. The counter is written
  // only by this thread, so reading it needs no synchronisation.
  auto* globals = reinterpret_cast<const unsigned char*>(abi::__cxa_get_globals());
  return reinterpret_cast<const unsigned int*>(globals +
                                               offsetof(EhGlobalsLayout, uncaught_exceptions));
}
#endif

void throw_empty_guard(const char* guard_kind) {
  throw std::logic_error(std::string("safelab::own::") + guard_kind +
                         ": dereferenced a guard that no longer holds its lock (moved from, or "
                         "unlock() called)");
}

}  // namespace safelab::own::internal
