// expect: null dereference (clang-analyzer) in describe
// expect: null dereference (gcc-analyzer) in describe
// tools: asan,clang-analyzer,gcc-analyzer
// BAD: describe() looks an id up and uses what it found without a check:
// nullptr for an unknown id. The run here looks up a known id, so ASan sees
// nothing; the analyzers read the unknown-id path. Its twin,
// lookup_checked.cpp, checks for nullptr.
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
  return found->name;  // <-- nullptr for an unknown id
}

}  // namespace

int main(int argc, char**) {
  std::printf("%s\n", describe(argc + 6));
  return 0;
}
