// Must not compile: a std::array of string_views holds non-owning views that
// dangle once the sender's strings die. Rust's thread::spawn takes
// "F: Send + 'static": a borrow of the sender's strings cannot leave it.
#include <array>
#include <string_view>

#include "safelab/own/channel.h"

void send_views() {
  auto [tx, rx] = safelab::own::channel<std::array<std::string_view, 2>>();  // <-- views
  static_cast<void>(tx.send(std::array<std::string_view, 2>{"a", "b"}));
}
