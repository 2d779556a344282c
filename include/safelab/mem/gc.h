// include/safelab/mem/gc.h
//
// The Python way of managing memory: reference counting plus a generational
// cycle collector, modelled on CPython's `Modules/gcmodule.c`.
//
// This header defines:
//
//   gc::Heap      the collector: owns the generation lists, the thresholds
//                 (700/10/10), the counters and the statistics. One object,
//                 not a hidden global, so that two heaps (and two tests)
//                 never share state. CPython's `gc` module, per interpreter.
//   gc::Object    the base of every collectable object (a "container" in
//                 CPython's terms). Overriding `traverse()` is the
//                 tp_traverse of the type: it shows the collector the
//                 references the object holds. `finalize()` is tp_finalize
//                 (PEP 442): it runs at most once per object.
//   gc::Ref<T>    a strong, reference-counted handle, Py_INCREF/Py_DECREF
//                 in RAII form. When the count drops to zero the object is
//                 finalized and freed at once, as in CPython; the collector
//                 only exists for what reference counting cannot free:
//                 cycles.
//   gc::Visitor   what traverse() is given; call it on every Ref member.
//   gc::Stats     collections per generation, objects freed, finalizers,
//                 resurrections, and pause times (p50/p99/max).
//
// How it differs from std::shared_ptr: the count is not atomic (a Heap is
// used by one thread at a time, as a CPython interpreter is under its GIL),
// there is no weak count, and a cycle of Refs is *not* a leak: the
// collector finds objects that are referenced only from inside the set
// being collected and frees them, exactly as CPython's gc does.
//
// Example:
//
//   struct Node : gc::Object {
//     gc::Ref<Node> next, prev;
//     void traverse(gc::Visitor& visit) override { visit(next); visit(prev); }
//   };
//
//   gc::Heap heap;
//   {
//     gc::Ref<Node> a = heap.make<Node>();
//     gc::Ref<Node> b = heap.make<Node>();
//     a->next = b;
//     b->prev = a;           // a <-> b: a cycle
//   }                        // local Refs gone: each count falls to 1, not 0
//   assert(heap.tracked() == 2);
//   assert(heap.collect() == 2);  // found unreachable, cleared and freed
//   assert(heap.tracked() == 0);
//
// The collection algorithm (CPython's, step for step):
//
//   1. Merge the younger generations into the one being collected.
//   2. update_refs: copy each object's reference count into gc_refs.
//   3. subtract_refs: traverse each object; for every reference to another
//      object of the set, decrement that object's gc_refs. What is left is
//      the number of references from *outside* the set.
//   4. move_unreachable: objects with gc_refs > 0 are reachable, and so is
//      everything they reach; the rest is tentatively unreachable.
//   5. finalize_garbage: call finalize() on every unreachable object that
//      has not been finalized yet (PEP 442: all objects are still intact).
//   6. handle_resurrected_objects: a finalizer may have stored a Ref to a
//      garbage object somewhere reachable. Steps 2-4 run again over the
//      unreachable set; whatever is now reachable is *resurrected*: it
//      survives into the older generation and is never finalized again.
//   7. delete_garbage: clear every remaining object (reset each Ref its
//      traverse() visits: the generic tp_clear). That breaks the cycles,
//      the counts fall to zero and ordinary reference counting frees them.
//
// Thread safety: none, by design. A Heap, its objects and their Refs belong
// to one thread at a time (hand them over with a happens-before edge).
// A gc::Ref is not own::Sendable (Rust's Rc is !Send): a Channel or
// Scope::spawn refuses it at compile time.
// safelab's refcount benchmark measures what atomic counts would cost,
// which is what PEP 703's biased reference counting avoids.
#ifndef SAFELAB_MEM_GC_H_
#define SAFELAB_MEM_GC_H_

#include <array>
#include <chrono>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "safelab/mem/internal/pause_histogram.h"

namespace safelab::mem::gc {

class Heap;
class Object;
template <class T>
class Ref;

namespace internal {

// The intrusive link of a tracked object in one of the heap's lists
// (PyGC_Head). A separate base so that a list head need not be an Object.
struct GcLink {
  GcLink* gc_prev = nullptr;
  GcLink* gc_next = nullptr;
};

inline void decref(Object* object) noexcept;
inline void incref(Object* object) noexcept;

}  // namespace internal

// Visitor
//
// What Object::traverse() receives. Call it once on every gc::Ref the object
// holds (members, elements of containers, ...). The collector uses the same
// traverse() both to count references (steps 3-4) and to clear a garbage
// object (step 7: each visited Ref is reset), so traverse() must visit the
// Refs by reference and must not do anything else.
class Visitor {
 public:
  Visitor(const Visitor&) = delete;
  Visitor& operator=(const Visitor&) = delete;

  // Visitor::operator()(Ref<T>&)
  //
  // Reports one reference. A null Ref is ignored.
  template <class T>
  void operator()(Ref<T>& ref) {
    if (clearing_) {
      ref.reset();
    } else if (ref) {
      fn_(context_, ref.get());
    }
  }

 private:
  friend class Heap;
  using Fn = void (*)(void* context, Object* referent);
  Visitor(Fn fn, void* context, bool clearing) : fn_(fn), context_(context), clearing_(clearing) {}

  Fn fn_;
  void* context_;
  bool clearing_;
};

// Object
//
// The base of every object a Heap manages. Derive from it, override
// traverse() if the type holds Refs, and create instances with
// Heap::make<T>() (never with `new` or on the stack: the constructor is
// protected and the Heap owns the storage).
//
// Rules for derived types:
//   * traverse() visits every Ref member exactly once. Visiting a Ref twice
//     makes the collector believe an object has more internal references
//     than it has; it detects that and aborts with the type's name rather
//     than freeing a live object. Forgetting a Ref is safe but leaks the
//     cycles that go through it (as a C extension type without
//     tp_traverse does in CPython).
//   * The destructor must not dereference Refs to other gc objects: when a
//     cycle is freed its members are destroyed in an unspecified order.
//     Work that needs the neighbours belongs in finalize(), which runs
//     while every object of the garbage set is still intact.
//   * The constructor may not be given a Ref to the object under
//     construction (there is none yet); it may create other objects.
class Object : private internal::GcLink {
 public:
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() = default;

  // Object::use_count()
  //
  // The number of Refs to this object (CPython's ob_refcnt).
  std::size_t use_count() const { return refcount_; }

  // Object::is_tracked()
  //
  // True while a Heap tracks the object (gc.is_tracked()). Objects that
  // outlive their Heap are untracked: reference counting still frees them,
  // but no collector will ever break their cycles.
  bool is_tracked() const { return gc_next != nullptr; }

  // Object::is_finalized()
  //
  // True once finalize() has been called (gc.is_finalized()).
  bool is_finalized() const { return finalized_; }

 protected:
  Object() = default;

  // Object::traverse()
  //
  // tp_traverse: call `visit(ref)` on every Ref this object holds. The
  // default visits nothing (a leaf object).
  virtual void traverse(Visitor& visit);

  // Object::finalize()
  //
  // tp_finalize (PEP 442): called at most once, before the object is freed,
  // whether it dies by reference counting or as part of a garbage cycle. All
  // Refs the object holds are still valid here. A finalizer may resurrect
  // the object by storing a Ref to it (Ref<T>::from_this) somewhere
  // reachable; it then lives on, and its finalizer is not called again. An
  // exception thrown from a finalizer is reported on stderr and counted in
  // Stats::finalizer_errors ("Exception ignored in ..."), never propagated.
  virtual void finalize();

 private:
  friend class Heap;
  friend void internal::decref(Object*) noexcept;
  friend void internal::incref(Object*) noexcept;

  enum class GcState : std::uint8_t { idle, collecting, unreachable };

  Heap* heap_ = nullptr;
  // Starts at 1: the reference Heap::make hands to the Ref it returns, so
  // that nothing the constructor does can free the object early.
  std::size_t refcount_ = 1;
  std::ptrdiff_t gc_refs_ = 0;
  GcState state_ = GcState::idle;
  bool finalized_ = false;
};

// Ref<T>
//
// A strong reference to a gc object: copying increments the count,
// destroying or resetting decrements it, and the last one frees the object
// (after finalize()). Ref<Derived> converts to Ref<Base>. A default Ref is
// null; dereferencing a null Ref is undefined, as for any pointer.
//
// Example:
//
//   gc::Ref<Node> a = heap.make<Node>();
//   gc::Ref<Node> b = a;          // a.use_count() == 2
//   a.reset();                    // b.use_count() == 1
//   b->next = b;                  // a self-cycle: only heap.collect() frees it
template <class T>
class Ref {
 public:
  // Rust's `!Send` (own/sendable.h reads this marker; mem does not depend on
  // own). The count is not atomic, as Rc's: "Rc cannot be sent between
  // threads, and consequently Rc does not implement Send."
  using safelab_not_send = void;

  Ref() noexcept = default;
  Ref(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor)

  Ref(const Ref& other) noexcept : ptr_(other.ptr_) { acquire(); }
  Ref(Ref&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}

  template <class U>
  requires std::convertible_to<U*, T*> Ref(const Ref<U>& other)
  noexcept : ptr_(other.get()) {  // NOLINT
    acquire();
  }
  template <class U>
  requires std::convertible_to<U*, T*> Ref(Ref<U>&& other)
  noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}  // NOLINT

  Ref& operator=(const Ref& other) noexcept {
    Ref(other).swap(*this);  // the old object is released last: self-safe
    return *this;
  }
  Ref& operator=(Ref&& other) noexcept {
    Ref(std::move(other)).swap(*this);
    return *this;
  }
  Ref& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }

  ~Ref() {
    // Checked here, not at class scope: a type may hold a Ref to itself
    // (T is incomplete inside its own definition).
    static_assert(std::is_base_of_v<Object, T>, "gc::Ref<T>: T must derive from gc::Object");
    if (ptr_ != nullptr) internal::decref(ptr_);
  }

  // Ref<T>::from_this()
  //
  // A new strong reference to an object that is alive (Py_NewRef), for use
  // inside its own member functions and finalizer, where only `this` is at
  // hand.
  // REQUIRES: `object` is a live object created by Heap::make.
  static Ref from_this(T* object) noexcept {
    Ref ref;
    ref.ptr_ = object;
    ref.acquire();
    return ref;
  }

  // Ref<T>::reset()
  //
  // Drops this reference (possibly freeing the object) and becomes null.
  void reset() noexcept {
    if (T* old = std::exchange(ptr_, nullptr)) internal::decref(old);
  }

  void swap(Ref& other) noexcept { std::swap(ptr_, other.ptr_); }

  T* get() const noexcept { return ptr_; }
  T& operator*() const noexcept { return *ptr_; }
  T* operator->() const noexcept { return ptr_; }
  explicit operator bool() const noexcept { return ptr_ != nullptr; }

  // Ref<T>::use_count()
  //
  // The object's reference count, 0 for a null Ref.
  std::size_t use_count() const noexcept { return ptr_ ? ptr_->use_count() : 0; }

  template <class U>
  friend bool operator==(const Ref& a, const Ref<U>& b) noexcept {
    return a.get() == b.get();
  }
  friend bool operator==(const Ref& a, std::nullptr_t) noexcept { return a.get() == nullptr; }

 private:
  friend class Heap;
  template <class U>
  friend class Ref;
  struct Adopt {};
  Ref(T* object, Adopt) noexcept : ptr_(object) {}

  void acquire() noexcept {
    if (ptr_ != nullptr) internal::incref(ptr_);
  }

  T* ptr_ = nullptr;
};

// Thresholds
//
// When automatic collection runs (gc.set_threshold). A generation-0
// collection starts when allocations minus deallocations of tracked objects
// exceed `gen0`; a generation-1 collection when `gen1` generation-0
// collections have happened since the last one; a generation-2 (full)
// collection when `gen2` generation-1 collections have happened *and* the
// objects that survived a generation-1 collection since the last full one
// are more than 25% of those that survived it (CPython's guard against
// quadratic behaviour when building large structures). gen0 == 0 disables
// automatic collection, as in CPython.
struct Thresholds {
  std::int64_t gen0 = 700;
  std::int64_t gen1 = 10;
  std::int64_t gen2 = 10;
};

// PauseSummary
//
// Pause times of a series of collections. Percentiles come from a log-linear
// histogram (at most 6.25% above the true value); max and total are exact.
struct PauseSummary {
  std::uint64_t count = 0;
  std::chrono::nanoseconds total{0};
  std::chrono::nanoseconds p50{0};
  std::chrono::nanoseconds p99{0};
  std::chrono::nanoseconds max{0};
};

// GenerationStats
//
// Per generation, as gc.get_stats(): how often it was collected, how many
// unreachable objects those collections freed, and their pauses.
struct GenerationStats {
  std::uint64_t collections = 0;
  std::uint64_t collected = 0;
  PauseSummary pauses;
};

// Stats
//
// Everything a Heap counts since it was made (or since reset_stats()).
struct Stats {
  std::array<GenerationStats, 3> generations;
  std::uint64_t objects_freed = 0;     // by the collector: sum of `collected`
  std::uint64_t finalizers_run = 0;    // by the collector and by refcounting
  std::uint64_t resurrected = 0;       // objects a finalizer brought back
  std::uint64_t finalizer_errors = 0;  // finalizers that threw
  PauseSummary pauses;                 // all collections, any generation
};

// Heap
//
// The cycle collector and the owner of its objects' bookkeeping. Not
// copyable or movable (objects point to it). Destroying a Heap runs a full
// collection; objects still held by a Ref afterwards are untracked and
// left to reference counting (they no longer belong to any heap).
class Heap {
 public:
  static constexpr int kGenerations = 3;

  Heap() : Heap(Thresholds{}) {}
  explicit Heap(Thresholds thresholds);
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap();

  // Heap::make<T>()
  //
  // Creates a T, tracks it in generation 0 and returns the only Ref to it.
  // May run an automatic collection first-thing after tracking (if enabled
  // and the generation-0 threshold is exceeded); the new object is held by
  // the returned Ref, so it always survives that collection.
  //
  // Example:
  //
  //   gc::Ref<Node> n = heap.make<Node>(42);
  template <class T, class... Args>
  Ref<T> make(Args&&... args) {
    static_assert(std::is_base_of_v<Object, T>, "Heap::make<T>: T must derive from gc::Object");
    Ref<T> ref(new T(std::forward<Args>(args)...), typename Ref<T>::Adopt{});
    track(ref.get());
    return ref;
  }

  // Heap::collect()
  //
  // gc.collect(generation): collects `generation` and every younger one,
  // returns the number of unreachable objects found and freed. Runs even
  // when automatic collection is disabled. Returns 0 without collecting if
  // called from inside a collection (from a finalizer).
  // Throws std::invalid_argument unless 0 <= generation <= 2.
  std::size_t collect(int generation = 2);

  // Heap::enable() / disable() / is_enabled()
  //
  // gc.enable() / gc.disable() / gc.isenabled(): automatic collection on
  // or off. Reference counting frees acyclic garbage either way; only
  // cycles wait for collect().
  void enable() { enabled_ = true; }
  void disable() { enabled_ = false; }
  bool is_enabled() const { return enabled_; }

  // Heap::get_count()
  //
  // gc.get_count(): {allocations - deallocations since the last
  // generation-0 collection, generation-0 collections since the last
  // generation-1 collection, generation-1 collections since the last full
  // collection}.
  std::array<std::int64_t, kGenerations> get_count() const { return counts_; }

  // Heap::get_threshold() / set_threshold()
  //
  // gc.get_threshold() / gc.set_threshold().
  // Throws std::invalid_argument if a threshold is negative.
  Thresholds get_threshold() const { return thresholds_; }
  void set_threshold(Thresholds thresholds);

  // Heap::tracked()
  //
  // The number of live objects this heap tracks (len(gc.get_objects())).
  std::size_t tracked() const { return tracked_; }

  // Heap::is_collecting()
  //
  // True while a collection runs (only observable from a finalizer).
  bool is_collecting() const { return collecting_; }

  // Heap::stats() / reset_stats()
  Stats stats() const;
  void reset_stats();

 private:
  friend void internal::decref(Object*) noexcept;
  using GcLink = internal::GcLink;

  void track(Object* object);
  void untrack(Object* object) noexcept;
  void maybe_collect();
  std::size_t collect_generation(int generation) noexcept;

  static Object* as_object(GcLink* link) { return static_cast<Object*>(link); }
  static GcLink* as_link(Object* object) { return object; }

  static void deallocate(Object* object) noexcept;  // refcount reached zero
  static void call_finalize(Object* object) noexcept;

  // The collection steps (see the overview).
  static void update_refs(GcLink& list);
  static void subtract_refs(GcLink& list);
  static void move_unreachable(GcLink& young, GcLink& unreachable);
  void finalize_garbage(GcLink& unreachable);
  std::size_t handle_resurrected(GcLink& unreachable, GcLink& old);
  void delete_garbage(GcLink& unreachable, GcLink& old);

  std::array<GcLink, kGenerations> generations_;
  std::array<std::int64_t, kGenerations> counts_{};
  Thresholds thresholds_;
  std::size_t tracked_ = 0;
  std::size_t long_lived_total_ = 0;
  std::size_t long_lived_pending_ = 0;
  bool enabled_ = true;
  bool collecting_ = false;

  std::array<std::uint64_t, kGenerations> collections_{};
  std::array<std::uint64_t, kGenerations> collected_{};
  std::array<internal::PauseHistogram, kGenerations> pauses_;
  std::uint64_t finalizers_run_ = 0;
  std::uint64_t resurrected_ = 0;
  std::uint64_t finalizer_errors_ = 0;
};

namespace internal {

inline void incref(Object* object) noexcept { ++object->refcount_; }

inline void decref(Object* object) noexcept {
  if (--object->refcount_ == 0) Heap::deallocate(object);
}

}  // namespace internal
}  // namespace safelab::mem::gc

#endif  // SAFELAB_MEM_GC_H_
