// expect: heap-buffer-overflow (asan) in at
// BAD: a member of a class template instantiated with long type arguments
// reads one element past its heap array. The report's frame is some 200
// characters of template signature; the "where" cell must show a readable
// name (Grid::at) in at most ~80 characters.
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

  [[gnu::noinline]] Cell at(Index i, const Extra& /*unused*/) const {
    return cells_[i];  // <-- no bounds check: i == n_ reads past the end
  }

 private:
  Cell* cells_;
  Index n_;
};

}  // namespace geometry::detail

int main() {
  using Extra = std::map<std::string, std::vector<std::function<int(const std::string&)>>>;
  geometry::detail::Grid<std::pair<long, std::string>, unsigned long, Extra> grid(4);
  std::printf("%ld\n", grid.at(4, Extra{}).first);  // one past the end
  return 0;
}
