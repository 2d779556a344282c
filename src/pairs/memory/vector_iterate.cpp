// Topic `vector_iterate`, four ways.
//
//   python          `for x in list(items): ...`: iterate over a copy, append
//                   to the original. Correct, at the price of a copy.
//   python-checked  a list that counts modifications and raises
//                   ConcurrentModificationError if it changes under an
//                   iterator (Python's dict, Java's ArrayList): the program
//                   first tries the naive loop, gets the error instead of
//                   corruption, and falls back to iterating a snapshot.
//   rust            the borrow checker rejects `for x in &v { v.push(..) }`
//                   ("cannot borrow `v` as mutable because it is also
//                   borrowed as immutable"); the accepted shapes are an
//                   index loop over the original length, or collect the new
//                   items first and extend afterwards. This is the latter.
//   unsafe          a range-for that push_back()s into the vector it walks:
//                   the first reallocation frees the storage under the
//                   iterator, and the next read is a heap-use-after-free in
//                   vector_iterate_unsafe.
#include "vector_iterate.h"

#include <random>
#include <stdexcept>

namespace safelab::pairs {

VectorIterateInput VectorIterate::make_input(const catalog::Params& p) {
  std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
  VectorIterateInput in;
  in.items.resize(static_cast<std::size_t>(p.size));
  for (std::int64_t& item : in.items) item = static_cast<std::int64_t>(gen() % 1'000'000);
  // The first item spawns, so that an append happens while the loop still
  // has items to visit.
  if (!in.items.empty()) in.items[0] = 3 * (in.items[0] / 3);
  return in;
}

VectorIterateOutput VectorIterate::reference(const VectorIterateInput& in) {
  VectorIterateOutput out{in.items.size(), 0};
  for (const std::int64_t item : in.items) {
    out.sum += item;
    if (spawns(item)) {
      ++out.size;
      out.sum += spawned(item);
    }
  }
  return out;
}

std::string VectorIterate::show(const VectorIterateOutput& out) {
  return "size=" + std::to_string(out.size) + " sum=" + std::to_string(out.sum);
}

namespace {
VectorIterateOutput summarise(const std::vector<std::int64_t>& items) {
  VectorIterateOutput out{items.size(), 0};
  for (const std::int64_t item : items) out.sum += item;
  return out;
}

// A list whose iterators detect modification, the way CPython's dict
// iterator compares the dict's size (and Java's modCount) on every step.
class CheckedList {
 public:
  explicit CheckedList(std::vector<std::int64_t> items) : items_(std::move(items)) {}

  void append(std::int64_t item) {
    items_.push_back(item);
    ++version_;
  }

  // Calls fn(item) for every item; throws ConcurrentModificationError as
  // soon as an item is read after the list changed (never touching the
  // possibly moved storage through a stale iterator).
  template <class Fn>
  void for_each(Fn fn) {
    const std::uint64_t version = version_;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (version_ != version) {
        throw ConcurrentModificationError("list changed size during iteration");
      }
      fn(items_[i]);
    }
  }

  const std::vector<std::int64_t>& items() const { return items_; }

 private:
  std::vector<std::int64_t> items_;
  std::uint64_t version_ = 0;
};
}  // namespace

// python: iterate over a copy.
VectorIterateOutput vector_iterate_python(const VectorIterateInput& in) {
  std::vector<std::int64_t> items = in.items;
  const std::vector<std::int64_t> snapshot = items;  // list(items)
  for (const std::int64_t item : snapshot) {
    if (spawns(item)) items.push_back(spawned(item));
  }
  return summarise(items);
}

// python-checked: the error instead of the corruption, then the fix.
VectorIterateOutput vector_iterate_python_checked(const VectorIterateInput& in) {
  CheckedList list(in.items);
  try {
    list.for_each([&](std::int64_t item) {
      if (spawns(item)) list.append(spawned(item));
    });
  } catch (const ConcurrentModificationError&) {
    // The naive loop was stopped at the first read after an append. Start
    // again from the input, iterating over a snapshot (`list(items)`).
    CheckedList fresh(in.items);
    const std::vector<std::int64_t> snapshot = in.items;
    for (const std::int64_t item : snapshot) {
      if (spawns(item)) fresh.append(spawned(item));
    }
    return summarise(fresh.items());
  }
  return summarise(list.items());  // nothing was appended
}

// rust: collect the new items, then extend.
VectorIterateOutput vector_iterate_rust(const VectorIterateInput& in) {
  std::vector<std::int64_t> items = in.items;
  std::vector<std::int64_t> new_items;  // the shared borrow of `items` ends...
  for (const std::int64_t item : items) {
    if (spawns(item)) new_items.push_back(spawned(item));
  }
  items.insert(items.end(), new_items.begin(), new_items.end());  // ...before the mutation
  return summarise(items);
}

// unsafe: push_back inside a range-for over the same vector. BROKEN ON PURPOSE.
[[gnu::noinline]] VectorIterateOutput vector_iterate_unsafe(const VectorIterateInput& in) {
  std::vector<std::int64_t> items = in.items;  // a copy: capacity == size
  for (const std::int64_t item : items) {      // the loop's iterator points into the storage...
    if (spawns(item)) items.push_back(spawned(item));  // <-- ...that this reallocates and frees
  }
  return summarise(items);
}

using namespace catalog;
SAFELAB_VARIANT(VectorIterate, "python", Style::python, clean(),
                "iterate over a copy, append to the original", vector_iterate_python);
SAFELAB_VARIANT(VectorIterate, "python-checked", Style::python, clean(),
                "a modification-checked list raises instead of corrupting; retry on a snapshot",
                vector_iterate_python_checked);
SAFELAB_VARIANT(VectorIterate, "rust", Style::rust, clean(),
                "collect the new items while borrowing, extend after", vector_iterate_rust);
SAFELAB_VARIANT(VectorIterate, "unsafe", Style::unsafe,
                reported(Tool::asan, "heap-use-after-free", "vector_iterate_unsafe"),
                "push_back inside a range-for over the same vector", vector_iterate_unsafe);

}  // namespace safelab::pairs
