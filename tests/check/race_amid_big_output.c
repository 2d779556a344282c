// expect: data race (tsan) in bump
// tools: tsan
// BAD: race.c between 10 MiB of stderr output before the race and 20 MiB
// after it. TSan goes on after its report (halt_on_error=0), so the report
// sits in the middle of the output and must still be found.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int counter;

static void* bump(void* arg) {
  (void)arg;
  for (int i = 0; i < 100000; ++i) counter = counter + 1;  // <-- the race
  return NULL;
}

static void noise(int mib) {
  char line[1024];
  memset(line, 'x', sizeof line - 1);
  line[sizeof line - 1] = '\0';
  for (int i = 0; i < mib * 1024; ++i) fprintf(stderr, "%s\n", line);
}

int main(void) {
  noise(10);
  pthread_t a, b;
  pthread_create(&a, NULL, bump, NULL);
  pthread_create(&b, NULL, bump, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  noise(20);
  printf("%d\n", counter);
  return 0;
}
