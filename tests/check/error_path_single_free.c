// expect: clean
// tools: asan,clang-analyzer,gcc-analyzer
// GOOD: error_path_double_free.c with the error path returning right after
// its free: every path frees the buffer once.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_record(const char* record) {
  char* copy = malloc(strlen(record) + 1);
  if (copy == NULL) return -1;
  strcpy(copy, record);
  if (copy[0] == '!') {
    fprintf(stderr, "rejected: %s\n", copy);
    free(copy);
    return -1;
  }
  free(copy);
  return 0;
}

int main(int argc, char** argv) { return parse_record(argc > 1 ? argv[1] : "id=7") == 0 ? 0 : 1; }
