// The cycle collector. The steps and their names follow CPython's
// Modules/gcmodule.c (3.9-3.11) so that the two can be read side by side;
// see the overview in include/safelab/mem/gc.h.
#include "safelab/mem/gc.h"

#include "safelab/err/panic.h"

#include <cxxabi.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

namespace safelab::mem::gc {
namespace {

using internal::GcLink;

// Circular doubly linked lists with a sentinel head, as PyGC_Head lists.
void list_init(GcLink& head) { head.gc_prev = head.gc_next = &head; }
bool list_empty(const GcLink& head) { return head.gc_next == &head; }

void list_unlink(GcLink& node) {
  node.gc_prev->gc_next = node.gc_next;
  node.gc_next->gc_prev = node.gc_prev;
  node.gc_prev = node.gc_next = nullptr;
}

void list_append(GcLink& node, GcLink& head) {
  node.gc_prev = head.gc_prev;
  node.gc_next = &head;
  head.gc_prev->gc_next = &node;
  head.gc_prev = &node;
}

void list_move(GcLink& node, GcLink& head) {
  list_unlink(node);
  list_append(node, head);
}

// Moves every node of `from` to the end of `to`; `from` ends up empty.
void list_splice(GcLink& from, GcLink& to) {
  if (list_empty(from)) return;
  from.gc_next->gc_prev = to.gc_prev;
  to.gc_prev->gc_next = from.gc_next;
  from.gc_prev->gc_next = &to;
  to.gc_prev = from.gc_prev;
  list_init(from);
}

std::size_t list_size(const GcLink& head) {
  std::size_t n = 0;
  for (const GcLink* l = head.gc_next; l != &head; l = l->gc_next) ++n;
  return n;
}

std::string type_name(const Object& object) {
  const char* mangled = typeid(object).name();
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return status == 0 && demangled ? demangled.get() : mangled;
}

PauseSummary summarise(const internal::PauseHistogram& h) {
  return {h.count(), h.total(), h.percentile(0.50), h.percentile(0.99), h.max()};
}

// Deferred deallocation, CPython's "trashcan". Freeing the head of a long
// chain (a linked list of a million nodes) would otherwise recurse once per
// node: ~Node drops its Ref to the next node, whose count reaches zero,
// whose ~Node drops the next... and overflow the stack. Instead, an object
// whose count reaches zero while another one is being destroyed on this
// thread is queued, and the outermost deallocation frees the queue in a
// loop. Per thread, because deallocation happens on whichever thread drops
// the last Ref.
struct Trashcan {
  bool active = false;
  std::vector<Object*> pending;
};
thread_local Trashcan trashcan;

}  // namespace

void Object::traverse(Visitor& /*visit*/) {}
void Object::finalize() {}

Heap::Heap(Thresholds thresholds) {
  for (GcLink& head : generations_) list_init(head);
  set_threshold(thresholds);
}

Heap::~Heap() {
  // Interpreter shutdown: free what is garbage (running its finalizers),
  // then disown the survivors. Reference counting still frees them when
  // their last Ref goes; it can no longer break their cycles.
  collect_generation(kGenerations - 1);
  for (GcLink& head : generations_) {
    while (!list_empty(head)) {
      Object* object = as_object(head.gc_next);
      list_unlink(*as_link(object));
      object->heap_ = nullptr;
    }
  }
  tracked_ = 0;
}

void Heap::set_threshold(Thresholds thresholds) {
  if (thresholds.gen0 < 0 || thresholds.gen1 < 0 || thresholds.gen2 < 0) {
    throw std::invalid_argument(
        "gc::Heap::set_threshold: thresholds must be >= 0 (got " + std::to_string(thresholds.gen0) +
        ", " + std::to_string(thresholds.gen1) + ", " + std::to_string(thresholds.gen2) + ")");
  }
  thresholds_ = thresholds;
}

void Heap::track(Object* object) {
  object->heap_ = this;
  list_append(*as_link(object), generations_[0]);
  ++tracked_;
  ++counts_[0];
  maybe_collect();
}

void Heap::untrack(Object* object) noexcept {
  list_unlink(*as_link(object));
  --tracked_;
  if (counts_[0] > 0) --counts_[0];
}

// collect_generations(): the oldest generation whose count exceeds its
// threshold is collected, together with all younger ones.
void Heap::maybe_collect() {
  if (!enabled_ || collecting_ || thresholds_.gen0 == 0 || counts_[0] <= thresholds_.gen0) return;
  const std::array<std::int64_t, kGenerations> limits = {thresholds_.gen0, thresholds_.gen1,
                                                         thresholds_.gen2};
  for (int g = kGenerations - 1; g >= 0; --g) {
    const auto i = static_cast<std::size_t>(g);
    if (counts_[i] <= limits[i]) continue;
    // A full collection is postponed until a quarter of the long-lived
    // objects are new: building a big structure would otherwise rescan
    // everything every few thousand allocations (quadratic time).
    if (g == kGenerations - 1 && long_lived_pending_ < long_lived_total_ / 4) continue;
    collect_generation(g);
    return;
  }
}

std::size_t Heap::collect(int generation) {
  if (generation < 0 || generation >= kGenerations) {
    throw std::invalid_argument("gc::Heap::collect: invalid generation " +
                                std::to_string(generation) + " (must be 0, 1 or 2)");
  }
  if (collecting_) return 0;
  return collect_generation(generation);
}

std::size_t Heap::collect_generation(int generation) noexcept {
  const auto start = std::chrono::steady_clock::now();
  collecting_ = true;
  const auto g = static_cast<std::size_t>(generation);
  if (g + 1 < kGenerations) ++counts_[g + 1];
  for (std::size_t i = 0; i <= g; ++i) counts_[i] = 0;

  for (std::size_t i = 0; i < g; ++i) list_splice(generations_[i], generations_[g]);
  GcLink& young = generations_[g];
  GcLink& old = generations_[g + 1 < kGenerations ? g + 1 : g];

  update_refs(young);
  subtract_refs(young);
  GcLink unreachable;
  list_init(unreachable);
  move_unreachable(young, unreachable);

  // `young` now holds the survivors: they are promoted.
  if (g + 1 < kGenerations) {
    if (g + 2 == kGenerations) long_lived_pending_ += list_size(young);
    list_splice(young, old);
  } else {
    long_lived_pending_ = 0;
    long_lived_total_ = list_size(young);
  }

  finalize_garbage(unreachable);
  handle_resurrected(unreachable, old);
  const std::size_t garbage = list_size(unreachable);
  delete_garbage(unreachable, old);

  ++collections_[g];
  collected_[g] += garbage;
  collecting_ = false;
  pauses_[g].record(std::chrono::steady_clock::now() - start);
  return garbage;
}

// update_refs: gc_refs starts as the full reference count.
void Heap::update_refs(GcLink& list) {
  for (GcLink* l = list.gc_next; l != &list; l = l->gc_next) {
    Object* object = as_object(l);
    object->gc_refs_ = static_cast<std::ptrdiff_t>(object->refcount_);
    object->state_ = Object::GcState::collecting;
  }
}

// subtract_refs: remove the references that come from inside the set.
void Heap::subtract_refs(GcLink& list) {
  for (GcLink* l = list.gc_next; l != &list; l = l->gc_next) {
    Object* object = as_object(l);
    Visitor visit(
        [](void* context, Object* referent) {
          if (referent->state_ != Object::GcState::collecting) return;
          if (--referent->gc_refs_ < 0) {
            // More references reported than exist: a traverse() visits a Ref
            // twice. Freeing on that basis could free a live object, so stop.
            const auto* self = static_cast<const Object*>(context);
            err::panic(
                "mem::gc: " + type_name(*self) + "::traverse() reported more references to a " +
                type_name(*referent) +
                " than it has (a Ref visited twice?); aborting before freeing a live object");
          }
        },
        object, false);
    object->traverse(visit);
  }
}

// move_unreachable: CPython's single pass. An object with gc_refs > 0 is
// reachable from outside; everything it references is reachable too, and is
// given gc_refs = 1 (or moved back from `unreachable` if the scan already
// passed it) so that the scan, which runs to the end of the growing list,
// visits it in turn.
void Heap::move_unreachable(GcLink& young, GcLink& unreachable) {
  GcLink* l = young.gc_next;
  while (l != &young) {
    Object* object = as_object(l);
    if (object->gc_refs_ > 0) {
      Visitor visit(
          [](void* context, Object* referent) {
            if (referent->state_ == Object::GcState::unreachable) {
              list_move(*as_link(referent), *static_cast<GcLink*>(context));
              referent->state_ = Object::GcState::collecting;
              referent->gc_refs_ = 1;
            } else if (referent->state_ == Object::GcState::collecting && referent->gc_refs_ == 0) {
              referent->gc_refs_ = 1;
            }
          },
          &young, false);
      object->traverse(visit);
      object->state_ = Object::GcState::idle;
      l = l->gc_next;
    } else {
      GcLink* next = l->gc_next;
      list_move(*l, unreachable);
      object->state_ = Object::GcState::unreachable;
      l = next;
    }
  }
}

// finalize_garbage (PEP 442): every object of the set is intact while the
// finalizers run. An object that is freed meanwhile (a finalizer dropped the
// last reference to it) unlinks itself from whichever list holds it.
void Heap::finalize_garbage(GcLink& unreachable) {
  GcLink seen;
  list_init(seen);
  while (!list_empty(unreachable)) {
    Object* object = as_object(unreachable.gc_next);
    list_move(*as_link(object), seen);
    if (!object->finalized_) {
      const Ref<Object> hold = Ref<Object>::from_this(object);
      call_finalize(object);
    }
  }
  list_splice(seen, unreachable);
}

// handle_resurrected_objects: whatever a finalizer made reachable again
// (and everything that reaches) survives into `old`.
std::size_t Heap::handle_resurrected(GcLink& unreachable, GcLink& old) {
  update_refs(unreachable);
  subtract_refs(unreachable);
  GcLink still;
  list_init(still);
  move_unreachable(unreachable, still);
  const std::size_t resurrected = list_size(unreachable);
  resurrected_ += resurrected;
  list_splice(unreachable, old);
  list_splice(still, unreachable);
  return resurrected;
}

// delete_garbage: clear each object (reset every Ref its traverse() visits);
// the cycles break and reference counting frees the objects. An object
// still alive after its own clear() (referenced by something the collector
// cannot see) is moved to `old`, as CPython does.
void Heap::delete_garbage(GcLink& unreachable, GcLink& old) {
  Visitor clear(nullptr, nullptr, /*clearing=*/true);
  while (!list_empty(unreachable)) {
    Object* object = as_object(unreachable.gc_next);
    const Ref<Object> hold = Ref<Object>::from_this(object);
    object->traverse(clear);
    list_move(*as_link(object), old);
    object->state_ = Object::GcState::idle;
  }
}

void Heap::call_finalize(Object* object) noexcept {
  object->finalized_ = true;
  Heap* heap = object->heap_;
  if (heap != nullptr) ++heap->finalizers_run_;
  try {
    object->finalize();
  } catch (const std::exception& e) {
    if (heap != nullptr) ++heap->finalizer_errors_;
    std::fprintf(stderr, "safelab::mem::gc: exception ignored in %s::finalize(): %s\n",
                 type_name(*object).c_str(), e.what());
  } catch (...) {
    if (heap != nullptr) ++heap->finalizer_errors_;
    std::fprintf(stderr, "safelab::mem::gc: exception ignored in %s::finalize()\n",
                 type_name(*object).c_str());
  }
}

void Heap::deallocate(Object* object) noexcept {
  if (!object->finalized_) {
    // Run the finalizer with a temporary reference, as CPython's
    // PyObject_CallFinalizerFromDealloc does: a Ref the finalizer makes and
    // drops must not re-enter deallocation.
    object->refcount_ = 1;
    call_finalize(object);
    if (--object->refcount_ != 0) {
      if (object->heap_ != nullptr) ++object->heap_->resurrected_;
      return;  // resurrected: a finalizer stored a Ref to it
    }
  }
  if (object->heap_ != nullptr && object->is_tracked()) object->heap_->untrack(object);

  Trashcan& can = trashcan;
  if (can.active) {
    can.pending.push_back(object);
    return;
  }
  can.active = true;
  delete object;
  while (!can.pending.empty()) {
    Object* next = can.pending.back();
    can.pending.pop_back();
    delete next;
  }
  can.active = false;
}

Stats Heap::stats() const {
  Stats stats;
  internal::PauseHistogram all;
  for (std::size_t g = 0; g < kGenerations; ++g) {
    stats.generations[g] = {collections_[g], collected_[g], summarise(pauses_[g])};
    stats.objects_freed += collected_[g];
    all.merge(pauses_[g]);
  }
  stats.pauses = summarise(all);
  stats.finalizers_run = finalizers_run_;
  stats.resurrected = resurrected_;
  stats.finalizer_errors = finalizer_errors_;
  return stats;
}

void Heap::reset_stats() {
  collections_ = {};
  collected_ = {};
  pauses_ = {};
  finalizers_run_ = 0;
  resurrected_ = 0;
  finalizer_errors_ = 0;
}

}  // namespace safelab::mem::gc
