// expect: data race (tsan) in bump; data race (helgrind) in bump
// BAD: two threads increment one plain int: `safelab check` must report a
// data race (TSan, helgrind) in bump().
#include <pthread.h>
#include <stdio.h>

static int counter;

static void* bump(void* arg) {
  (void)arg;
  for (int i = 0; i < 100000; ++i) counter = counter + 1;  // the race
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump, NULL);
  pthread_create(&b, NULL, bump, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter);
  return 0;
}
