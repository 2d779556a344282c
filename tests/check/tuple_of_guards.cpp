// expect: clean
// GOOD, and a known false report of Clang 14's static analyzer: two
// move-only guards returned in a std::tuple and bound with structured
// bindings (own::lock_all's shape). Every member is initialised, yet the
// analyzer reports "The left operand of '==' is a garbage value" in ~Guard
// when the tuple is destroyed. `safelab check --tools clang-analyzer` shows
// the report as advisory, so `--expect clean` holds.
#include <tuple>
#include <utility>

struct Guard {
  explicit Guard(int* p) : p_(p) {}
  Guard(Guard&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;
  Guard& operator=(Guard&&) = delete;
  ~Guard() {
    if (p_ == nullptr) return;
    *p_ = 0;
  }
  int& operator*() const { return *p_; }

 private:
  int* p_;
};

static std::tuple<Guard, Guard> both(int& a, int& b) {
  return std::tuple<Guard, Guard>(Guard(&a), Guard(&b));
}

int main() {
  int a = 1;
  int b = 2;
  {
    auto [x, y] = both(a, b);
    *x += 1;
    *y += 1;
  }
  return a + b;  // both guards reset their int: 0
}
