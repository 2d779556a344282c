// CLEAN program that leaves a detached grandchild behind: it leaves the
// process group (setsid), keeps stdout and stderr open and sleeps forever,
// after writing its pid to the file named by argv[1]. The run must end when
// the program exits, and the grandchild must not survive it.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const pid_t child = fork();
  if (child < 0) return 1;
  if (child == 0) {
    setsid();
    if (fork() != 0) _exit(0);  // the grandchild is orphaned at once
    FILE* f = fopen(argv[1], "w");
    if (f == NULL) _exit(1);
    fprintf(f, "%d\n", (int)getpid());
    fclose(f);
    for (;;) pause();
  }
  sleep(1);  // let the pid file be written
  return 0;
}
