// Lab 09: leaked cycles. Read README.md first; the lines to change carry a
// TODO.
#include "friends.h"

#include <algorithm>
#include <memory>

namespace lab09 {

struct Person {
  std::string name;
  std::vector<std::shared_ptr<Person>> friends;  // TODO: A owns B and B owns A: a cycle
};

std::vector<std::size_t> mutual_friendships(
    const std::vector<std::string>& people,
    const std::vector<std::pair<std::size_t, std::size_t>>& friendships) {
  std::vector<std::shared_ptr<Person>> graph;  // TODO: who should own the people?
  for (const std::string& name : people) {
    graph.push_back(std::make_shared<Person>(Person{name, {}}));  // TODO
  }
  for (const auto& [a, b] : friendships) {
    graph[a]->friends.push_back(graph[b]);  // TODO: refer to a friend without owning them
    graph[b]->friends.push_back(graph[a]);  // TODO
  }
  std::vector<std::size_t> counts;
  for (const auto& person : graph) {
    std::size_t mutual = 0;
    for (std::size_t i = 0; i < person->friends.size(); ++i) {
      for (std::size_t j = i + 1; j < person->friends.size(); ++j) {
        const auto& of_i = person->friends[i]->friends;
        mutual += std::count(of_i.begin(), of_i.end(), person->friends[j]);  // TODO
      }
    }
    counts.push_back(mutual);
  }
  return counts;
}

}  // namespace lab09
