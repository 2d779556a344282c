// expect: clean
// tools: asan,clang-analyzer,gcc-analyzer
// GOOD: lookup_null.cpp with describe() checking what it found.
#include <cstdio>

namespace {

struct Sensor {
  int id;
  const char* name;
};

Sensor g_sensors[] = {{7, "boiler"}, {9, "pump"}};

const char* describe(int id) {
  const Sensor* found = nullptr;
  for (const Sensor& s : g_sensors) {
    if (s.id == id) found = &s;
  }
  return found != nullptr ? found->name : "unknown";
}

}  // namespace

int main(int argc, char**) {
  std::printf("%s\n", describe(argc + 6));
  return 0;
}
