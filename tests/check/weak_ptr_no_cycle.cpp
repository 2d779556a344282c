// expect: clean
// GOOD: shared_ptr_cycle.cpp with the back edge a weak_ptr, which does not
// own: when the function returns a's count drops to 0, a is destroyed, and
// with it the only owner of b.
#include <cstdio>
#include <memory>
#include <string>

struct Node {
  std::string name;
  std::shared_ptr<Node> next;
  std::weak_ptr<Node> prev;
};

[[gnu::noinline]] void make_pair_of_nodes() {
  auto a = std::make_shared<Node>();
  auto b = std::make_shared<Node>();
  a->name = "a";
  b->name = "b";
  a->next = b;
  b->prev = a;
}

int main() {
  make_pair_of_nodes();
  std::puts("done");
  return 0;
}
