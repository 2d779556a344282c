// expect: unlock of an unlocked mutex (helgrind); unlock of an unlocked mutex (tsan)
// BAD: unlocks a mutex nobody holds: helgrind's "unlocked a not-locked lock".
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  pthread_mutex_unlock(&mu);  // a second time
  return 0;
}
