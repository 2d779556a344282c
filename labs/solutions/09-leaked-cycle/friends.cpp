// Lab 09, reference solution: the arena owns every person; friendships are
// indices into it, which own nothing. A cycle of indices is just data, and
// the whole graph is freed at once when the arena goes out of scope (Rust's
// Vec<Node> + NodeId idiom). The Python way, a gc::Heap with Ref<Person>,
// would also free it, but only when its cycle collector runs.
#include "friends.h"

#include <algorithm>

#include "safelab/mem/arena.h"

namespace lab09 {

struct Person {
  std::string name;
  std::vector<safelab::mem::Index<Person>> friends;
};

std::vector<std::size_t> mutual_friendships(
    const std::vector<std::string>& people,
    const std::vector<std::pair<std::size_t, std::size_t>>& friendships) {
  safelab::mem::IndexArena<Person> graph;
  std::vector<safelab::mem::Index<Person>> ids;
  for (const std::string& name : people) ids.push_back(graph.emplace(Person{name, {}}));
  for (const auto& [a, b] : friendships) {
    graph[ids[a]].friends.push_back(ids[b]);
    graph[ids[b]].friends.push_back(ids[a]);
  }
  std::vector<std::size_t> counts;
  for (const auto id : ids) {
    const Person& person = graph[id];
    std::size_t mutual = 0;
    for (std::size_t i = 0; i < person.friends.size(); ++i) {
      for (std::size_t j = i + 1; j < person.friends.size(); ++j) {
        const auto& of_i = graph[person.friends[i]].friends;
        mutual += static_cast<std::size_t>(std::count(of_i.begin(), of_i.end(), person.friends[j]));
      }
    }
    counts.push_back(mutual);
  }
  return counts;
}

}  // namespace lab09
