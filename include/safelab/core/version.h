// safelab/core/version.h
//
// The library's version, as a string and as numbers, so that a program linked
// against an installed safelab can say which one it got.
#ifndef SAFELAB_CORE_VERSION_H_
#define SAFELAB_CORE_VERSION_H_

#include <string_view>

namespace safelab::core {

struct Version {
  int major;
  int minor;
  int patch;
};

// version()
//
// The version of the safelab library this program is linked against (not the
// headers it was compiled with).
Version version() noexcept;
std::string_view version_string() noexcept;

}  // namespace safelab::core

#endif  // SAFELAB_CORE_VERSION_H_
