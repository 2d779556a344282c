// Topic `object_graph`, five ways. Every variant builds the same tree,
// computes the same checksum by walking each node's *back link* up to the
// root, then drops the tree and reports how many nodes are still alive.
//
//   python    gc::Ref both ways (parent <-> child): every edge is a
//             reference cycle. Dropping the root frees nothing by reference
//             counting; the cycle collector (gc::Heap) finds and frees it,
//             with pauses along the way (bench/memory_object_graph.cpp).
//   rust      an arena (IndexArena) with typed indices for both directions:
//             no ownership edges between nodes at all, one free at the end.
//   rust-box  mem::TreeNode: std::unique_ptr children, raw parent back link
//             (non-owning; valid because a child never outlives its parent).
//   rust-rc   std::shared_ptr children, std::weak_ptr parent held in a
//             mem::RefCell: the Rust Book's Rc<RefCell<..>> + Weak tree.
//   unsafe    std::shared_ptr both ways: the parent link should have been a
//             weak_ptr. Every edge is a cycle no one will ever break, and
//             LeakSanitizer reports "detected memory leaks" with
//             object_graph_unsafe in the allocation stack.
#include "object_graph.h"

#include <memory>
#include <optional>
#include <random>
#include <thread>

#include "safelab/mem/arena.h"
#include "safelab/mem/gc.h"
#include "safelab/mem/refcell.h"
#include "safelab/mem/tree.h"

namespace safelab::pairs {
namespace {

// Counts live node payloads into a counter owned by the variant: +1 on
// every construction (copies and moves too), -1 on every destruction, so the
// net is the number of nodes alive whatever the container does with them.
class LiveCount {
 public:
  explicit LiveCount(std::int64_t* counter) : counter_(counter) { ++*counter_; }
  LiveCount(const LiveCount& other) : counter_(other.counter_) { ++*counter_; }
  LiveCount& operator=(const LiveCount&) = delete;
  ~LiveCount() { --*counter_; }

 private:
  std::int64_t* counter_;
};

}  // namespace

ObjectGraphInput ObjectGraph::make_input(const catalog::Params& p) {
  std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
  const auto n = static_cast<std::size_t>(p.size);
  ObjectGraphInput in;
  in.parent.resize(n);
  in.value.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    in.parent[i] = i == 0 ? 0 : static_cast<std::uint32_t>(gen() % i);
    in.value[i] = gen() % 1000;
  }
  return in;
}

ObjectGraphOutput ObjectGraph::reference(const ObjectGraphInput& in) {
  // Parents come before children, so depths fill in one forward pass.
  std::vector<std::uint64_t> depth(in.parent.size(), 0);
  std::uint64_t checksum = 0;
  for (std::size_t i = 1; i < in.parent.size(); ++i) {
    depth[i] = depth[in.parent[i]] + 1;
    checksum += in.value[i] * depth[i];
  }
  return {checksum, 0};
}

std::string ObjectGraph::show(const ObjectGraphOutput& out) {
  return "checksum=" + std::to_string(out.checksum) +
         " live_after_drop=" + std::to_string(out.live_after_drop);
}

// python: reference counting + the cycle collector.
namespace {
struct PyNode : mem::gc::Object {
  PyNode(std::int64_t* live, std::uint32_t v) : alive(live), value(v) {}
  void traverse(mem::gc::Visitor& visit) override {
    visit(parent);
    for (mem::gc::Ref<PyNode>& child : children) visit(child);
  }
  LiveCount alive;
  std::uint32_t value;
  mem::gc::Ref<PyNode> parent;  // strong, as every Python reference is
  std::vector<mem::gc::Ref<PyNode>> children;
};
}  // namespace

ObjectGraphOutput object_graph_python(const ObjectGraphInput& in) {
  mem::gc::Heap heap;
  return object_graph_python_on(heap, in);
}

ObjectGraphOutput object_graph_python_on(mem::gc::Heap& heap, const ObjectGraphInput& in) {
  std::int64_t live = 0;
  ObjectGraphOutput out;
  {
    std::vector<mem::gc::Ref<PyNode>> nodes;  // like a Python list of the nodes
    nodes.reserve(in.parent.size());
    for (std::size_t i = 0; i < in.parent.size(); ++i) {
      nodes.push_back(heap.make<PyNode>(&live, in.value[i]));
      if (i > 0) {
        nodes[i]->parent = nodes[in.parent[i]];
        nodes[in.parent[i]]->children.push_back(nodes[i]);
      }
    }
    for (const mem::gc::Ref<PyNode>& node : nodes) {
      std::uint64_t depth = 0;
      for (const PyNode* p = node->parent.get(); p != nullptr; p = p->parent.get()) ++depth;
      out.checksum += node->value * depth;
    }
  }  // every Ref from outside is gone; the tree is one big cycle
  heap.collect();
  out.live_after_drop = live;
  return out;
}

// rust: an arena and typed indices.
namespace {
struct ArenaNode {
  LiveCount alive;
  std::uint32_t value;
  std::optional<mem::Index<ArenaNode>> parent;
  std::vector<mem::Index<ArenaNode>> children;
};
}  // namespace

ObjectGraphOutput object_graph_rust(const ObjectGraphInput& in) {
  std::int64_t live = 0;
  ObjectGraphOutput out;
  {
    mem::IndexArena<ArenaNode> nodes;
    nodes.reserve(in.parent.size());
    for (std::size_t i = 0; i < in.parent.size(); ++i) {
      std::optional<mem::Index<ArenaNode>> parent;
      if (i > 0) parent = nodes.index_of(in.parent[i]);
      const mem::Index<ArenaNode> id =
          nodes.emplace(ArenaNode{LiveCount(&live), in.value[i], parent, {}});
      if (parent) nodes[*parent].children.push_back(id);
    }
    for (const ArenaNode& node : nodes) {
      std::uint64_t depth = 0;
      for (auto p = node.parent; p; p = nodes[*p].parent) ++depth;
      out.checksum += node.value * depth;
    }
  }  // the arena goes, and every node with it
  out.live_after_drop = live;
  return out;
}

// rust-box: unique_ptr down, raw pointer up.
namespace {
struct BoxPayload {
  LiveCount alive;
  std::uint32_t value;
};
}  // namespace

ObjectGraphOutput object_graph_rust_box(const ObjectGraphInput& in) {
  std::int64_t live = 0;
  ObjectGraphOutput out;
  if (in.parent.empty()) return out;
  {
    using Node = mem::TreeNode<BoxPayload>;
    auto root = std::make_unique<Node>(BoxPayload{LiveCount(&live), in.value[0]});
    // Non-owning views of the nodes, valid while `root` lives (it owns them).
    std::vector<Node*> by_index{root.get()};
    by_index.reserve(in.parent.size());
    for (std::size_t i = 1; i < in.parent.size(); ++i) {
      by_index.push_back(
          &by_index[in.parent[i]]->add_child(BoxPayload{LiveCount(&live), in.value[i]}));
    }
    for (const Node* node : by_index) out.checksum += node->value.value * node->depth();
  }  // the root owns everything: one reset frees the tree
  out.live_after_drop = live;
  return out;
}

// rust-rc: Rc<RefCell<Vec<Rc<Node>>>> children, RefCell<Weak<Node>> parent.
namespace {
struct RcNode {
  RcNode(std::int64_t* live, std::uint32_t v) : alive(live), value(v) {}
  LiveCount alive;
  std::uint32_t value;
  mem::RefCell<std::weak_ptr<RcNode>> parent;
  mem::RefCell<std::vector<std::shared_ptr<RcNode>>> children;
};
}  // namespace

ObjectGraphOutput object_graph_rust_rc(const ObjectGraphInput& in) {
  std::int64_t live = 0;
  ObjectGraphOutput out;
  {
    std::vector<std::shared_ptr<RcNode>> nodes;
    nodes.reserve(in.parent.size());
    for (std::size_t i = 0; i < in.parent.size(); ++i) {
      nodes.push_back(std::make_shared<RcNode>(&live, in.value[i]));
      if (i > 0) {
        const std::shared_ptr<RcNode>& parent = nodes[in.parent[i]];
        *nodes[i]->parent.borrow_mut() = parent;  // weak: does not keep it alive
        parent->children.borrow_mut()->push_back(nodes[i]);
      }
    }
    for (const std::shared_ptr<RcNode>& node : nodes) {
      std::uint64_t depth = 0;
      for (std::shared_ptr<RcNode> p = node->parent.borrow()->lock(); p;
           p = p->parent.borrow()->lock()) {
        ++depth;
      }
      out.checksum += node->value * depth;
    }
  }  // the strong edges form a tree: dropping the last owner frees it
  out.live_after_drop = live;
  return out;
}

// unsafe: shared_ptr in both directions. BROKEN ON PURPOSE.
namespace {
struct LeakyNode {
  LeakyNode(std::int64_t* live, std::uint32_t v) : alive(live), value(v) {}
  LiveCount alive;
  std::uint32_t value;
  std::shared_ptr<LeakyNode> parent;  // <-- the bug: a strong back link (should be weak_ptr)
  std::vector<std::shared_ptr<LeakyNode>> children;
};
}  // namespace

[[gnu::noinline]] ObjectGraphOutput object_graph_unsafe(const ObjectGraphInput& in) {
  std::int64_t live = 0;
  ObjectGraphOutput out;
  // Built and dropped on a worker thread that is joined before the leak
  // check. LeakSanitizer is conservative: a stale word on a live thread's
  // stack (or in an ASan fake frame) that happens to point at any node would
  // make the whole connected tree "reachable" and hide the leak on some runs.
  // Once the worker is gone, only the leaked nodes point at each other.
  std::thread([&] {
    std::vector<std::shared_ptr<LeakyNode>> nodes;
    nodes.reserve(in.parent.size());
    for (std::size_t i = 0; i < in.parent.size(); ++i) {
      nodes.push_back(std::make_shared<LeakyNode>(&live, in.value[i]));  // leaked: see below
      if (i > 0) {
        nodes[i]->parent = nodes[in.parent[i]];
        nodes[in.parent[i]]->children.push_back(nodes[i]);
      }
    }
    for (const std::shared_ptr<LeakyNode>& node : nodes) {
      std::uint64_t depth = 0;
      for (const LeakyNode* p = node->parent.get(); p != nullptr; p = p->parent.get()) ++depth;
      out.checksum += node->value * depth;
    }
  }).join();  // each parent and child keep each other's count above zero: nothing is freed
  out.live_after_drop = live;
  return out;
}

using namespace catalog;
SAFELAB_VARIANT(ObjectGraph, "python", Style::python, clean(),
                "strong refs both ways; the cycle collector frees the tree", object_graph_python);
SAFELAB_VARIANT(ObjectGraph, "rust", Style::rust, clean(),
                "an arena with typed indices both ways; freed at once with the arena",
                object_graph_rust);
SAFELAB_VARIANT(ObjectGraph, "rust-box", Style::rust, clean(),
                "unique_ptr children, raw parent back link (non-owning)", object_graph_rust_box);
SAFELAB_VARIANT(ObjectGraph, "rust-rc", Style::rust, clean(),
                "shared_ptr children, weak_ptr parent in a RefCell (Rc + Weak)",
                object_graph_rust_rc);
SAFELAB_VARIANT(ObjectGraph, "unsafe", Style::unsafe,
                reported(Tool::lsan, "detected memory leaks", "object_graph_unsafe"),
                "shared_ptr both ways: every parent/child pair is a leaked cycle",
                object_graph_unsafe);

}  // namespace safelab::pairs
