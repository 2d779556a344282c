// expect: clean
// GOOD: template_overflow.cpp reading the last element, not one past it.
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace geometry::detail {

template <typename Cell, typename Index, typename Extra>
class Grid {
 public:
  explicit Grid(Index n) : cells_(new Cell[n]), n_(n) {}
  ~Grid() { delete[] cells_; }
  Grid(const Grid&) = delete;
  Grid& operator=(const Grid&) = delete;

  [[gnu::noinline]] Cell at(Index i, const Extra& /*unused*/) const { return cells_[i]; }

 private:
  Cell* cells_;
  Index n_;
};

}  // namespace geometry::detail

int main() {
  using Extra = std::map<std::string, std::vector<std::function<int(const std::string&)>>>;
  geometry::detail::Grid<std::pair<long, std::string>, unsigned long, Extra> grid(4);
  std::printf("%ld\n", grid.at(3, Extra{}).first);  // the last element
  return 0;
}
