// src/pairs/memory/object_graph.h
//
// Topic `object_graph`: build a tree of `size` nodes whose children point
// back to their parent, walk it, and drop it. Parent <-> child links form a
// cycle at every edge: the structure that reference counting alone cannot
// free, and the one that garbage collection, single ownership and arenas
// each handle their own way.
#ifndef SAFELAB_PAIRS_MEMORY_OBJECT_GRAPH_H_
#define SAFELAB_PAIRS_MEMORY_OBJECT_GRAPH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "../catalog.h"
#include "safelab/mem/gc.h"

namespace safelab::pairs {

// The tree's shape: node i > 0 hangs under parent[i] < i (a random
// recursive tree, depth O(log n)); node 0 is the root.
struct ObjectGraphInput {
  std::vector<std::uint32_t> parent;
  std::vector<std::uint32_t> value;
};

// What every variant computes: sum over nodes of value * depth, where each
// depth is found by following the *back links* to the root; and how many
// nodes were still alive after the graph was dropped (0 unless it leaked).
struct ObjectGraphOutput {
  std::uint64_t checksum = 0;
  std::int64_t live_after_drop = 0;
};

struct ObjectGraph {
  static constexpr std::string_view name = "object_graph";
  static constexpr std::string_view summary =
      "a tree with parent back links, built and dropped: GC, ownership, or a leaked cycle";
  static constexpr std::string_view lab = "labs/09-leaked-cycle";
  static constexpr catalog::Family family = catalog::Family::memory;
  static constexpr catalog::Params defaults{.threads = 1, .size = 20'000, .seed = 1};

  using Input = ObjectGraphInput;
  using Output = ObjectGraphOutput;

  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);
  static std::string show(const Output& out);
};

ObjectGraphOutput object_graph_python(const ObjectGraphInput& in);
// The python variant on a caller's heap, so that a benchmark can read the
// collector's statistics (pauses, collections) afterwards.
ObjectGraphOutput object_graph_python_on(mem::gc::Heap& heap, const ObjectGraphInput& in);
ObjectGraphOutput object_graph_rust(const ObjectGraphInput& in);
ObjectGraphOutput object_graph_rust_box(const ObjectGraphInput& in);
ObjectGraphOutput object_graph_rust_rc(const ObjectGraphInput& in);
ObjectGraphOutput object_graph_unsafe(const ObjectGraphInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_MEMORY_OBJECT_GRAPH_H_
