#include "safelab/core/version.h"

namespace safelab::core {

// The numbers come from project(VERSION ...) in the top-level CMakeLists.txt.
Version version() noexcept {
  return {SAFELAB_VERSION_MAJOR, SAFELAB_VERSION_MINOR, SAFELAB_VERSION_PATCH};
}

std::string_view version_string() noexcept { return SAFELAB_VERSION_STRING; }

}  // namespace safelab::core
