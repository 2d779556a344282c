// expect: definitely lost (memcheck) in make_pair_of_nodes; detected memory leaks (lsan)
// BAD: two nodes hold shared_ptrs to each other; when the function returns,
// each keeps the other's count at 1 and neither is ever freed, a leaked
// cycle. Valgrind's memcheck reports it every run ("128 (64 direct, 64
// indirect) bytes ... definitely lost": one block heads the cycle, the other
// is indirectly lost through it); LeakSanitizer's conservative
// scan may see a stale pointer on the stack and miss it in some runs. Its
// twin, weak_ptr_no_cycle.cpp, makes the back edge a weak_ptr.
#include <cstdio>
#include <memory>
#include <string>

struct Node {
  std::string name;
  std::shared_ptr<Node> next;
};

[[gnu::noinline]] void make_pair_of_nodes() {
  auto a = std::make_shared<Node>();
  auto b = std::make_shared<Node>();
  a->name = "a";
  b->name = "b";
  a->next = b;
  b->next = a;  // <-- the cycle: neither count reaches 0
}

int main() {
  make_pair_of_nodes();
  std::puts("done");
  return 0;
}
