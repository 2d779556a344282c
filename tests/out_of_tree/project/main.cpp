// A program outside the safelab tree, linked against the installed library.
#include <cstdio>

#include "safelab/core/version.h"

int main() {
  const safelab::core::Version v = safelab::core::version();
  std::printf("linked against safelab %d.%d.%d\n", v.major, v.minor, v.patch);
  return 0;
}
