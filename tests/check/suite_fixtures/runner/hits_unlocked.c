// expect: data race (tsan) in record_hit
// BAD: two threads add to one plain counter without a lock.
#include <pthread.h>

static long hits;

static void record_hit(void) { hits = hits + 1; }

static void* serve(void* unused) {
  (void)unused;
  for (int i = 0; i < 10000; ++i) record_hit();
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, serve, NULL);
  pthread_create(&b, NULL, serve, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return hits > 0 ? 0 : 1;
}
