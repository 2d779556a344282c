// include/safelab/mem/tree.h
//
// TreeNode<T>: a value tree with single ownership downwards and non-owning
// back links upwards — Rust's `Box` children with a raw (or Weak) parent
// pointer, without reference counting and without a collector.
//
// Ownership: a node owns its children (std::unique_ptr); the root is owned
// by whoever holds it. `parent()` is a plain pointer that does not own.
//
// Lifetime rule (why the back link cannot dangle): a child is destroyed
// with its parent or detached from it (detach_child() clears the link), so
// while a node is attached its parent is alive. References returned by
// add_child() and children() stay valid while the child stays attached and
// the tree lives; after detach_child() only the returned unique_ptr owns it.
//
// Destruction is iterative, so a degenerate tree (a chain of a million
// nodes) is freed without recursing once per level; the naive
// unique_ptr chain overflows the stack (Rust's Box<List> has the same
// problem and the same fix: a hand-written Drop).
//
// Example:
//
//   auto root = std::make_unique<mem::TreeNode<std::string>>("root");
//   mem::TreeNode<std::string>& child = root->add_child("child");
//   assert(child.parent() == root.get());
//   std::unique_ptr<mem::TreeNode<std::string>> owned = root->detach_child(0);
//   assert(owned->parent() == nullptr);   // detached: no back link left
//
// Not thread-safe; a finished tree may be read from many threads.
#ifndef SAFELAB_MEM_TREE_H_
#define SAFELAB_MEM_TREE_H_

#include <cstddef>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "safelab/err/panic.h"

namespace safelab::mem {

template <class T>
class TreeNode {
 public:
  explicit TreeNode(T initial) : value(std::move(initial)) {}

  // Not copyable or movable: children point back at this address.
  TreeNode(const TreeNode&) = delete;
  TreeNode& operator=(const TreeNode&) = delete;

  // ~TreeNode()
  //
  // Frees the subtree breadth-first with an explicit work list.
  ~TreeNode() {
    std::vector<std::unique_ptr<TreeNode>> pending = std::move(children_);
    while (!pending.empty()) {
      std::unique_ptr<TreeNode> node = std::move(pending.back());
      pending.pop_back();
      for (auto& child : node->children_) pending.push_back(std::move(child));
      node->children_.clear();
    }  // each node dies with no children of its own
  }

  // TreeNode<T>::add_child()
  //
  // Appends a child holding `child_value`; returns it (see the lifetime
  // rule above).
  TreeNode& add_child(T child_value) {
    auto child = std::make_unique<TreeNode>(std::move(child_value));
    child->parent_ = this;
    children_.push_back(std::move(child));
    return *children_.back();
  }

  // TreeNode<T>::detach_child()
  //
  // Removes the i-th child from this node and hands its ownership to the
  // caller; its parent link is cleared. Panics if i >= children().size().
  std::unique_ptr<TreeNode> detach_child(std::size_t i) {
    if (i >= children_.size()) err::panic("TreeNode::detach_child: index out of range");
    std::unique_ptr<TreeNode> child = std::move(children_[i]);
    children_.erase(children_.begin() + static_cast<std::ptrdiff_t>(i));
    child->parent_ = nullptr;
    return child;
  }

  // TreeNode<T>::parent()
  //
  // The non-owning back link: the node that owns this one, or nullptr for a
  // root (or a detached node).
  TreeNode* parent() const { return parent_; }

  std::span<const std::unique_ptr<TreeNode>> children() const { return children_; }

  // TreeNode<T>::depth()
  //
  // 0 for a root; follows the back links.
  std::size_t depth() const {
    std::size_t d = 0;
    for (const TreeNode* n = parent_; n != nullptr; n = n->parent_) ++d;
    return d;
  }

  T value;

 private:
  TreeNode* parent_ = nullptr;
  std::vector<std::unique_ptr<TreeNode>> children_;
};

}  // namespace safelab::mem

#endif  // SAFELAB_MEM_TREE_H_
