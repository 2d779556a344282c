// expect: invalid jump (memcheck); SEGV (asan)
// BAD: calls a callback that was never registered (a NULL function
// pointer). Memcheck reports "Jump to the invalid address stated on the next
// line" and then the SIGSEGV that ends the program; the clean twin is
// null_callback_set.c.
#include <stdio.h>

typedef void (*handler_fn)(int);

struct dispatcher {
  handler_fn on_event;
};

static void dispatch(const struct dispatcher *d, int event) { d->on_event(event); }

int main(void) {
  struct dispatcher d = {NULL};
  dispatch(&d, 3);
  puts("unreachable");
  return 0;
}
