// Must not compile: an Index<Node> does not index an IndexArena<Edge>
// (typed indices, as Rust's newtype ids).
#include "safelab/mem/arena.h"

struct Node {
  int value;
};
struct Edge {
  int weight;
};

int index_other_arena_type() {
  safelab::mem::IndexArena<Node> nodes;
  safelab::mem::IndexArena<Edge> edges;
  const safelab::mem::Index<Node> n = nodes.emplace(Node{1});
  edges.emplace(Edge{2});
  return edges[n].weight;  // <-- a node index used on the edge arena
}
