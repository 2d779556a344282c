// expect: double-free (clang-analyzer) in parse_record
// expect: double-free (gcc-analyzer) in parse_record
// tools: asan,clang-analyzer,gcc-analyzer
// BAD: a record that starts with '!' is rejected, and its buffer is freed
// twice: once where the error is found, once on the way out. No run here
// passes such a record, so ASan (and every run-time tool) sees a clean
// program; the static analyzers read the error path. Its twin,
// error_path_single_free.c, returns right after the first free.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_record(const char* record) {
  char* copy = malloc(strlen(record) + 1);
  if (copy == NULL) return -1;
  strcpy(copy, record);
  int status = 0;
  if (copy[0] == '!') {
    fprintf(stderr, "rejected: %s\n", copy);
    free(copy);
    status = -1;
  }
  free(copy);  // <-- the error path frees it again
  return status;
}

int main(int argc, char** argv) { return parse_record(argc > 1 ? argv[1] : "id=7") == 0 ? 0 : 1; }
