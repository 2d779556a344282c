#include "safelab/mem/internal/panic.h"

#include <cstdio>
#include <cstdlib>

namespace safelab::mem::internal {

void panic(std::string_view message) noexcept {
  std::fprintf(stderr, "safelab panic: %.*s\n", static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace safelab::mem::internal
