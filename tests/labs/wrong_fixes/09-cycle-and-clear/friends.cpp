// Wrong fix for lab 09: the shared_ptr cycle stays and is broken by hand with
// clear() at the end. LeakSanitizer is silent, until a path that returns
// early skips the clear().
// EXPECT: lab 09 teaches non-owning links: the exercise breaks the cycle by hand
#include "friends.h"

#include <algorithm>
#include <memory>

namespace lab09 {

struct Person {
  std::string name;
  std::vector<std::shared_ptr<Person>> friends;
};

std::vector<std::size_t> mutual_friendships(
    const std::vector<std::string>& people,
    const std::vector<std::pair<std::size_t, std::size_t>>& friendships) {
  std::vector<std::shared_ptr<Person>> graph;
  for (const std::string& name : people) {
    graph.push_back(std::make_shared<Person>(Person{name, {}}));
  }
  for (const auto& [a, b] : friendships) {
    graph[a]->friends.push_back(graph[b]);
    graph[b]->friends.push_back(graph[a]);
  }
  std::vector<std::size_t> counts;
  for (const auto& person : graph) {
    std::size_t mutual = 0;
    for (std::size_t i = 0; i < person->friends.size(); ++i) {
      for (std::size_t j = i + 1; j < person->friends.size(); ++j) {
        const auto& of_i = person->friends[i]->friends;
        mutual +=
            static_cast<std::size_t>(std::count(of_i.begin(), of_i.end(), person->friends[j]));
      }
    }
    counts.push_back(mutual);
  }
  for (const auto& person : graph) person->friends.clear();  // break the cycle by hand
  return counts;
}

}  // namespace lab09
