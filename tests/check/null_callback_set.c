// expect: clean
// GOOD twin of null_callback.c: the callback is registered before dispatch.
#include <stdio.h>

typedef void (*handler_fn)(int);

struct dispatcher {
  handler_fn on_event;
};

static void print_event(int event) { printf("event %d\n", event); }

static void dispatch(const struct dispatcher *d, int event) { d->on_event(event); }

int main(void) {
  struct dispatcher d = {print_event};
  dispatch(&d, 3);
  return 0;
}
