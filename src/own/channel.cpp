// The cold error path shared by every channel handle type.
#include <stdexcept>
#include <string>

#include "safelab/own/channel.h"

namespace safelab::own::internal {

void throw_empty_channel_handle(const char* handle) {
  throw std::logic_error(std::string("safelab::own::") + handle +
                         ": used an empty handle (default-constructed or moved from)");
}

}  // namespace safelab::own::internal
