// Lab 08, reference solution: the name is an owning std::string, so the
// concatenation lives as long as the variable that holds it. (Rust refuses
// the original at compile time: "temporary value dropped while borrowed".)
#include "display_name.h"

namespace lab08 {

std::string display_name(const User& user) {
  const std::string name = user.nickname.empty() ? user.first + " " + user.last : user.nickname;
  return "[" + name + "]";
}

}  // namespace lab08
