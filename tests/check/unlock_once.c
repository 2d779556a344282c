// expect: clean
// GOOD: the twin of unlock_unlocked.c and thread_holds_lock.c: a thread
// locks and unlocks once, and nobody unlocks a mutex they do not hold.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void* work(void* arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  ++shared;
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  pthread_join(t, NULL);
  pthread_mutex_lock(&mu);
  printf("%d\n", shared);
  pthread_mutex_unlock(&mu);
  return 0;
}
