// Must not compile: a std::string_view is a non-owning view; sent to another
// thread it would dangle once the sender's string dies. A Channel's message
// type must be Sendable.
#include <string_view>

#include "safelab/own/channel.h"

void send_view() {
  auto [tx, rx] = safelab::own::channel<std::string_view>();  // <-- view type
  static_cast<void>(tx.send(std::string_view("dangles")));
}
