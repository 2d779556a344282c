// include/safelab/mem/arena.h
//
// Arenas: the Rust way to build graphs with cycles without reference
// counting. Nodes live in one owner and refer to each other by *index*, not
// by owning pointer; the whole graph is freed at once when its arena goes.
//
// This header defines:
//
//   Arena          a bump allocator: make<T>() returns a reference that stays
//                  valid until the arena is reset or destroyed. Objects are
//                  never freed one by one; destructors run (newest first)
//                  when the arena ends. Like Rust's `bumpalo` / typed_arena.
//   Index<T>       a typed index into an IndexArena<T>: an Index<Node> cannot
//                  be used with an IndexArena<Edge> (compile error), and one
//                  from another arena is caught at run time.
//   IndexArena<T>  a growable array of T addressed by Index<T>, Rust's
//                  `Vec<T>` + `NodeId(usize)` idiom (the `id_arena` crate).
//
// Lifetime rules (who must outlive whom):
//   * Arena::make<T>() references: valid until reset() or ~Arena(). Never
//     store one where it could outlive the arena.
//   * Index<T>: plain data, valid for the arena's whole life; there is no
//     per-node free, so an index never dangles (a node that is "removed" is
//     merely unreachable until the arena is dropped).
//   * IndexArena<T>::operator[] references: like std::vector's, invalidated
//     by the next emplace() (the storage may move). Hold indices, not
//     references, across insertions: that is the point of the idiom.
//
// Example:
//
//   struct Node { int value; std::optional<mem::Index<Node>> parent; };
//   mem::IndexArena<Node> nodes;
//   mem::Index<Node> root = nodes.emplace(Node{1, std::nullopt});
//   mem::Index<Node> leaf = nodes.emplace(Node{2, root});   // a back link
//   assert(nodes[*nodes[leaf].parent].value == 1);
//   mem::IndexArena<Node> other;
//   assert(other.get(leaf) == nullptr);   // checked: not this arena's index
//   other[leaf];  // <-- panics: "IndexArena: index from another arena"
//
// Neither type is thread-safe; share a finished arena read-only (const)
// across threads, or give each thread its own.
#ifndef SAFELAB_MEM_ARENA_H_
#define SAFELAB_MEM_ARENA_H_

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "safelab/err/panic.h"

namespace safelab::mem {

// Arena
//
// Not copyable or movable (objects made in it are referred to by address).
class Arena {
 public:
  // Arena()
  //
  // The first chunk holds `first_chunk_bytes` (allocated lazily); each next
  // chunk doubles, up to 1 MiB, or fits one large request exactly.
  explicit Arena(std::size_t first_chunk_bytes = 4096);
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  // Arena::make<T>()
  //
  // Constructs a T in the arena and returns it. The destructor runs when
  // the arena is reset or destroyed (not at all for trivially destructible
  // types). If the constructor throws, the arena is unchanged except for
  // the unused bytes.
  template <class T, class... Args>
  T& make(Args&&... args) {
    static_assert(alignof(T) <= alignof(std::max_align_t),
                  "mem::Arena::make<T>: over-aligned types are not supported");
    DtorRecord* record = nullptr;
    if constexpr (!std::is_trivially_destructible_v<T>) {
      record = static_cast<DtorRecord*>(allocate(sizeof(DtorRecord), alignof(DtorRecord)));
    }
    T* object = ::new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
    if constexpr (!std::is_trivially_destructible_v<T>) {
      *record = DtorRecord{dtors_, [](void* p) { static_cast<T*>(p)->~T(); }, object};
      dtors_ = record;
    }
    return *object;
  }

  // Arena::allocate()
  //
  // `bytes` of raw storage aligned to `align`, valid until reset().
  // Throws std::invalid_argument unless `align` is a power of two no larger
  // than alignof(std::max_align_t); std::bad_alloc when memory runs out.
  void* allocate(std::size_t bytes, std::size_t align);

  // Arena::reset()
  //
  // Destroys every object (newest first) and frees all chunks but the
  // largest, which is reused: a per-frame or per-request arena allocates
  // nothing in the steady state.
  void reset();

  // Bytes handed out (including alignment padding) / bytes held in chunks.
  std::size_t bytes_used() const { return used_; }
  std::size_t bytes_reserved() const { return reserved_; }

 private:
  struct Chunk {
    Chunk* prev;
    std::size_t size;  // usable bytes after the header
  };
  struct DtorRecord {
    DtorRecord* prev;
    void (*destroy)(void*);
    void* object;
  };

  void* allocate_slow(std::size_t bytes, std::size_t align);
  void destroy_objects();

  std::size_t next_chunk_bytes_;
  Chunk* chunk_ = nullptr;
  std::byte* cursor_ = nullptr;
  std::byte* end_ = nullptr;
  DtorRecord* dtors_ = nullptr;
  std::size_t used_ = 0;
  std::size_t reserved_ = 0;
};

template <class T>
class IndexArena;

namespace internal {
// A process-wide counter giving each IndexArena its own id.
inline std::uint32_t next_arena_id() {
  static std::atomic<std::uint32_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace internal

// Index<T>
//
// Which arena and which slot. Trivially copyable, 8 bytes, comparable and
// hashable by value(); only an IndexArena<T> makes one.
template <class T>
class Index {
 public:
  // The slot number (0, 1, 2, ... in insertion order).
  std::uint32_t value() const { return slot_; }

  friend bool operator==(Index, Index) = default;
  friend auto operator<=>(Index a, Index b) { return a.slot_ <=> b.slot_; }

 private:
  friend class IndexArena<T>;
  Index(std::uint32_t arena, std::uint32_t slot) : arena_(arena), slot_(slot) {}
  std::uint32_t arena_;
  std::uint32_t slot_;
};

// IndexArena<T>
//
// Copying an IndexArena copies the graph; the copy accepts the same
// indices (it is the same structure), as cloning a Vec does in Rust.
template <class T>
class IndexArena {
 public:
  IndexArena() : id_(internal::next_arena_id()) {}

  // IndexArena<T>::emplace()
  //
  // Appends a T and returns its index. Invalidates references (not
  // indices). Panics beyond 2^32 - 1 elements.
  template <class... Args>
  Index<T> emplace(Args&&... args) {
    if (items_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      err::panic("IndexArena: more than 2^32 - 1 elements");
    }
    items_.emplace_back(std::forward<Args>(args)...);
    return Index<T>(id_, static_cast<std::uint32_t>(items_.size() - 1));
  }

  // IndexArena<T>::operator[]
  //
  // The element. Panics (Rust's index out of bounds) for an index of
  // another arena; use get() to check instead.
  T& operator[](Index<T> index) { return *checked(index); }
  const T& operator[](Index<T> index) const { return *checked(index); }

  // IndexArena<T>::get()
  //
  // The element, or nullptr if `index` does not belong to this arena.
  T* get(Index<T> index) { return owns(index) ? &items_[index.slot_] : nullptr; }
  const T* get(Index<T> index) const { return owns(index) ? &items_[index.slot_] : nullptr; }

  // IndexArena<T>::index_of()
  //
  // The index of the i-th element, for iterating indices 0..size().
  // Panics if i >= size().
  Index<T> index_of(std::size_t i) const {
    if (i >= items_.size()) err::panic("IndexArena::index_of: position out of range");
    return Index<T>(id_, static_cast<std::uint32_t>(i));
  }

  bool owns(Index<T> index) const { return index.arena_ == id_ && index.slot_ < items_.size(); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  void reserve(std::size_t n) { items_.reserve(n); }

  // Iteration over the elements in index order.
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  const T* checked(Index<T> index) const {
    if (index.arena_ != id_) err::panic("IndexArena: index from another arena");
    if (index.slot_ >= items_.size()) err::panic("IndexArena: index out of range");
    return &items_[index.slot_];
  }
  T* checked(Index<T> index) { return const_cast<T*>(std::as_const(*this).checked(index)); }

  std::uint32_t id_;
  std::vector<T> items_;
};

}  // namespace safelab::mem

#endif  // SAFELAB_MEM_ARENA_H_
