// labs/14-gc-pause/comments.h (do not edit: shared by the tests and the
// solution)
#ifndef SAFELAB_LABS_14_COMMENTS_H_
#define SAFELAB_LABS_14_COMMENTS_H_

#include <cstddef>
#include <vector>

#include "safelab/mem/gc.h"

namespace lab14 {

// deepest_replies()
//
// One request per discussion thread. In `threads[t]`, `parents[i]` is the
// index of comment i's parent (comment 0 is the post, with parent -1; a
// parent always comes before its replies). For each thread, builds its
// comments, walks up from each comment to the post, and returns the depth
// of the deepest reply (the post alone: 0).
//
// The service is Python-style: its objects live in `heap` (a CPython
// interpreter's memory, with reference counting and the cycle collector),
// which the caller owns and may inspect afterwards.
// REQUIRES: every thread is non-empty, parents[0] == -1, 0 <= parents[i] < i.
std::vector<std::size_t> deepest_replies(safelab::mem::gc::Heap& heap,
                                         const std::vector<std::vector<int>>& threads);

}  // namespace lab14

#endif  // SAFELAB_LABS_14_COMMENTS_H_
