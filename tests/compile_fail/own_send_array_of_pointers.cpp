// Must not compile: a std::array of raw pointers is a container of
// borrowed addresses, refused like std::vector<int*> (std::array's size, a
// non-type template parameter, must not hide its element type). Rust's docs:
// "impl<T: ?Sized> !Send for *const T", and an array is Send only if its
// element type is.
#include <array>

#include "safelab/own/channel.h"

void send_pointers(int& a, int& b) {
  auto [tx, rx] = safelab::own::channel<std::array<int*, 2>>();  // <-- pointers
  static_cast<void>(tx.send(std::array<int*, 2>{&a, &b}));
}
