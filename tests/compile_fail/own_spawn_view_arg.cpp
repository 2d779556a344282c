// Must not compile: arguments of Scope::spawn are moved into the new thread
// and must be Sendable; a std::string_view argument is refused. (Borrowing on
// purpose is done by capturing in the lambda, visible at the call site.)
#include <string>
#include <string_view>

#include "safelab/own/scope.h"

void spawn_with_view() {
  std::string name = "worker";
  safelab::own::scope([&](safelab::own::Scope& s) {
    s.spawn([](std::string_view who) { static_cast<void>(who.size()); },
            std::string_view(name));  // <-- non-Sendable argument
  });
}
