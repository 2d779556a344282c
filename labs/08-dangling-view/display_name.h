// labs/08-dangling-view/display_name.h (do not edit: shared by the tests
// and the solution)
#ifndef SAFELAB_LABS_08_DISPLAY_NAME_H_
#define SAFELAB_LABS_08_DISPLAY_NAME_H_

#include <string>

namespace lab08 {

struct User {
  std::string first;
  std::string last;
  std::string nickname;  // may be empty
};

// display_name()
//
// "[nickname]" if the user has one, else "[first last]".
std::string display_name(const User& user);

}  // namespace lab08

#endif  // SAFELAB_LABS_08_DISPLAY_NAME_H_
