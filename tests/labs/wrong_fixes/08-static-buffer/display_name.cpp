// Wrong fix for lab 08: the view now points into a static std::string, which
// outlives the call, so ASan is silent; but every call shares that buffer:
// not reentrant, not thread-safe.
// EXPECT: lab 08 teaches owning the string: the exercise keeps the name in a `static std::string`
#include "display_name.h"

#include <string_view>

namespace lab08 {

std::string display_name(const User& user) {
  static std::string buffer;
  buffer = user.first + " " + user.last;
  const std::string_view name =
      user.nickname.empty() ? std::string_view(buffer) : std::string_view(user.nickname);
  return "[" + std::string(name) + "]";
}

}  // namespace lab08
