// expect: unlock of an unlocked mutex (helgrind); unlock of an unlocked mutex (tsan)
// BAD: releases a statically initialised mutex that no thread ever locked.
// Helgrind has not seen this mutex initialised or locked, so it words the
// report "unlocked an invalid lock"; the defect is the same as a second
// unlock (unlock_unlocked.c), and TSan calls both "unlock of an unlocked
// mutex". The clean twin is locked.c.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t guard = PTHREAD_MUTEX_INITIALIZER;
static int updates;

static void record_update(void) {
  updates++;
  pthread_mutex_unlock(&guard);  // the matching lock was never taken
}

int main(void) {
  record_update();
  printf("%d\n", updates);
  return 0;
}
