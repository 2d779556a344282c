// Lab 08: use after free through a dangling view. Read README.md first; the
// line to change carries a TODO.
#include "display_name.h"

#include <string_view>

namespace lab08 {

std::string display_name(const User& user) {
  const std::string_view name =
      user.nickname.empty()
          ? std::string_view(user.first + " " + user.last)  // TODO: a view of what?
          : std::string_view(user.nickname);
  return "[" + std::string(name) + "]";
}

}  // namespace lab08
