// expect: thread exits holding a lock (helgrind)
// BAD: a thread exits still holding the mutex it locked: helgrind's
// "Exiting thread still holds 1 lock".
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void* worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  return NULL;  // never unlocked
}

int main(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0) return 1;
  pthread_join(t, NULL);
  return 0;
}
