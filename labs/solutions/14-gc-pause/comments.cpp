// Lab 14, reference solution: every comment has one owner (its parent; the
// post, the request), and the back link to the parent is a plain pointer
// that owns nothing (the parent outlives its replies), as Rust's tree with
// Rc down and Weak up. No cycle of Refs, so when the request ends the
// counts fall to zero and reference counting frees the thread at once: the
// cycle collector never has garbage to find, and the 700-allocation
// threshold that would start a collection is never reached. (An arena with
// indices, mem::IndexArena, passes too: then nothing is tracked at all.)
#include "comments.h"

#include <algorithm>

namespace lab14 {

namespace gc = safelab::mem::gc;

struct Comment : gc::Object {
  const Comment* parent = nullptr;        // not owned: the parent owns this reply
  std::vector<gc::Ref<Comment>> replies;  // the parent owns its replies

  void traverse(gc::Visitor& visit) override {
    for (gc::Ref<Comment>& reply : replies) visit(reply);
  }
};

std::size_t deepest_reply(gc::Heap& heap, const std::vector<int>& parents) {
  std::vector<gc::Ref<Comment>> comments;
  for (const int parent : parents) {
    gc::Ref<Comment> comment = heap.make<Comment>();
    if (parent >= 0) {
      const gc::Ref<Comment>& up = comments[static_cast<std::size_t>(parent)];
      comment->parent = up.get();
      up->replies.push_back(comment);
    }
    comments.push_back(comment);
  }
  std::size_t deepest = 0;
  for (const gc::Ref<Comment>& comment : comments) {
    std::size_t depth = 0;
    for (const Comment* at = comment.get(); at->parent != nullptr; at = at->parent) ++depth;
    deepest = std::max(deepest, depth);
  }
  return deepest;
}

std::vector<std::size_t> deepest_replies(gc::Heap& heap,
                                         const std::vector<std::vector<int>>& threads) {
  std::vector<std::size_t> depths;
  for (const std::vector<int>& parents : threads) depths.push_back(deepest_reply(heap, parents));
  return depths;
}

}  // namespace lab14
