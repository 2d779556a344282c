// The out-of-line, cold paths of the own family's locks: PoisonError (one
// home for its vtable and message), the empty-guard error, and locating the
// runtime's uncaught-exception counter for internal::uncaught_exceptions().
#include "safelab/own/poison.h"

#include <cstddef>
#include <stdexcept>
#include <string>

#if defined(__GLIBCXX__) || defined(_LIBCPPABI_VERSION)
#include <cxxabi.h>
#define SAFELAB_OWN_ITANIUM_EH_GLOBALS 1
#endif

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

const unsigned int* uncaught_exceptions_slot() noexcept {
#if defined(SAFELAB_OWN_ITANIUM_EH_GLOBALS)
  // The Itanium C++ ABI (section 2.2.2, followed by libstdc++'s libsupc++ and
  // by libc++abi) gives every thread one
  //   struct __cxa_eh_globals { __cxa_exception* caughtExceptions;
  //                             unsigned int uncaughtExceptions; };
  // and std::uncaught_exceptions() returns its second field. The struct is
  // opaque in <cxxabi.h>, hence the offset; the object there is an
  // unsigned int written only by this thread, so the read needs no
  // synchronisation. __cxa_get_globals() is documented never to fail (it
  // terminates if the runtime cannot allocate the block).
  auto* globals = reinterpret_cast<const unsigned char*>(abi::__cxa_get_globals());
  return reinterpret_cast<const unsigned int*>(globals + sizeof(void*));
#else
  return nullptr;
#endif
}

void throw_empty_guard(const char* guard_kind) {
  throw std::logic_error(std::string("safelab::own::") + guard_kind +
                         ": dereferenced a guard that no longer holds its lock (moved from, or "
                         "unlock() called)");
}

}  // namespace safelab::own::internal
