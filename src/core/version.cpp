#include "safelab/core/version.h"

namespace safelab {

Version version() noexcept { return {0, 1, 0}; }
std::string_view version_string() noexcept { return "0.1.0"; }

}  // namespace safelab
