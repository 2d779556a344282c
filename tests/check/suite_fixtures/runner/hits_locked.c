// expect: clean
// GOOD: hits_unlocked.c with the counter behind a mutex.
#include <pthread.h>

static long hits;
static pthread_mutex_t hits_lock = PTHREAD_MUTEX_INITIALIZER;

static void record_hit(void) {
  pthread_mutex_lock(&hits_lock);
  hits = hits + 1;
  pthread_mutex_unlock(&hits_lock);
}

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
  return hits == 20000 ? 0 : 1;
}
