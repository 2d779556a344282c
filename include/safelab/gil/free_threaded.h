// include/safelab/gil/free_threaded.h
//
// A PEP 703-style free-threaded runtime: no global lock; every shared object
// carries its own small lock (`ob_mutex`), and the operations of an object
// run inside a *critical section* on it (Py_BEGIN_CRITICAL_SECTION). Threads
// that touch different objects run truly in parallel; threads that touch the
// same object serialise on that object only.
//
// It sits between the GIL (one lock for everything, no parallel bytecode)
// and Rust-style ownership (no lock at all where data is not shared): it
// keeps Python's "any thread may touch any object" model and pays for it
// with a lock per object operation.
//
// This header defines:
//
//   FreeThreaded      the runtime: counters of critical sections
//   ObjectMutex       an object's lock (PyMutex ob_mutex)
//   CriticalSection   Py_BEGIN/END_CRITICAL_SECTION(op), RAII
//   CriticalSection2  Py_BEGIN/END_CRITICAL_SECTION2(a, b): two objects,
//                     locked in address order so it cannot deadlock
//   Object<T>         a shared object: a T reachable only inside a
//                     critical section on it (with(), Clang-checked)
//
// Deadlock avoidance, as PEP 703 specifies it: when a thread must *wait* for
// an object's lock, it first suspends every critical section it already
// holds (unlocks their objects), and the innermost suspended section is
// resumed when the one that waited ends. So nested sections never deadlock,
// but only the innermost section is atomic: an enclosing object may change
// while a nested section waited. That trade-off is PEP 703's, documented and
// tested here (see FreeThreadedTest.NestedSectionSuspendsOuter).
//
// Example:
//
//   safelab::gil::FreeThreaded rt;
//   safelab::gil::Object<std::vector<int>> list(rt);
//   std::jthread a([&] { list.with([](auto& v) { v.push_back(1); }); });
//   std::jthread b([&] { list.with([](auto& v) { v.push_back(2); }); });
//
//   list.with([](auto& v) { return v.size(); });   // OK: inside a section
//   list.value().size();     // compile error under Clang -Wthread-safety:
//                            // "requires holding mutex 'list.mutex_'"
#ifndef SAFELAB_GIL_FREE_THREADED_H_
#define SAFELAB_GIL_FREE_THREADED_H_

#include <atomic>
#include <cstdint>
#include <mutex>
#include <type_traits>
#include <utility>

#include "absl/base/thread_annotations.h"

namespace safelab::gil {

class CriticalSection;
class CriticalSection2;
struct CriticalSectionOps;

// FreeThreaded
//
// The runtime objects belong to. It holds no lock; it only counts, so that
// a benchmark can show how often per-object locks were contended.
class FreeThreaded {
 public:
  struct Stats {
    std::uint64_t critical_sections = 0;  // sections begun
    std::uint64_t contended = 0;          // of which found a lock taken and waited
    std::uint64_t suspensions = 0;        // enclosing sections suspended by a wait
  };

  FreeThreaded() = default;
  FreeThreaded(const FreeThreaded&) = delete;
  FreeThreaded& operator=(const FreeThreaded&) = delete;

  // FreeThreaded::stats()
  Stats stats() const {
    return {sections_.load(std::memory_order_relaxed), contended_.load(std::memory_order_relaxed),
            suspensions_.load(std::memory_order_relaxed)};
  }

 private:
  friend struct CriticalSectionOps;  // the implementation of the sections
  std::atomic<std::uint64_t> sections_{0};
  std::atomic<std::uint64_t> contended_{0};
  std::atomic<std::uint64_t> suspensions_{0};
};

// ObjectMutex
//
// An object's own lock (ob_mutex). Take it only through a CriticalSection,
// which adds PEP 703's deadlock avoidance; lock() is there for the
// thread-safety analysis, not for callers.
class ABSL_LOCKABLE ObjectMutex {
 public:
  explicit ObjectMutex(FreeThreaded& runtime) : runtime_(&runtime) {}
  ObjectMutex(const ObjectMutex&) = delete;
  ObjectMutex& operator=(const ObjectMutex&) = delete;

  FreeThreaded& runtime() const { return *runtime_; }

 private:
  friend class CriticalSection;
  friend class CriticalSection2;
  friend struct CriticalSectionOps;
  FreeThreaded* runtime_;
  std::mutex mu_;
};

// CriticalSection
//
// Py_BEGIN_CRITICAL_SECTION(op) ... Py_END_CRITICAL_SECTION(): holds `mu`
// for the scope. If `mu` is taken by another thread, the sections this
// thread already holds are suspended before it waits (see the file comment).
// Sections must end in reverse order of beginning (they are scopes).
class ABSL_SCOPED_LOCKABLE CriticalSection {
 public:
  // The bodies juggle locks at run time (suspension), which the analysis
  // cannot follow; callers are checked against the annotations.
  explicit CriticalSection(ObjectMutex& mu)
      ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) ABSL_NO_THREAD_SAFETY_ANALYSIS;
  ~CriticalSection() ABSL_UNLOCK_FUNCTION() ABSL_NO_THREAD_SAFETY_ANALYSIS;
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;

 private:
  friend struct CriticalSectionOps;
  ObjectMutex* first_;
  ObjectMutex* second_ = nullptr;  // set only by CriticalSection2
  CriticalSection* previous_;      // the enclosing section on this thread
  bool active_ = false;            // false while suspended
  struct TwoTag {};
  CriticalSection(TwoTag, ObjectMutex& a, ObjectMutex& b);
  friend class CriticalSection2;
};

// CriticalSection2
//
// Py_BEGIN_CRITICAL_SECTION2(a, b): both objects for the scope, locked in a
// global (address) order, so two threads locking the same pair in opposite
// argument order cannot deadlock. `a` and `b` may be the same object.
class ABSL_SCOPED_LOCKABLE CriticalSection2 {
 public:
  CriticalSection2(ObjectMutex& a, ObjectMutex& b)
      ABSL_EXCLUSIVE_LOCK_FUNCTION(a, b) ABSL_NO_THREAD_SAFETY_ANALYSIS
      : section_(CriticalSection::TwoTag{}, a, b) {}
  ~CriticalSection2() ABSL_UNLOCK_FUNCTION() ABSL_NO_THREAD_SAFETY_ANALYSIS {}
  CriticalSection2(const CriticalSection2&) = delete;
  CriticalSection2& operator=(const CriticalSection2&) = delete;

 private:
  CriticalSection section_;
};

// Object<T>
//
// A shared "Python object" of the free-threaded runtime: a T that any
// thread may use, but only inside a critical section on this object.
template <class T>
class Object {
 public:
  template <class... Args>
  explicit Object(FreeThreaded& runtime, Args&&... args)
      : mutex_(runtime), value_(std::forward<Args>(args)...) {}

  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  // Object<T>::with()
  //
  // Runs fn(T&) inside a critical section on this object and returns its
  // result. fn may begin further sections (on other objects); if one of them
  // must wait, this one is suspended meanwhile (PEP 703).
  template <class Fn>
  decltype(auto) with(Fn&& fn) {
    CriticalSection section(mutex_);
    return std::forward<Fn>(fn)(value_);
  }

  // Object<T>::mutex()
  //
  // The object's lock, for a CriticalSection2 over two objects. Inside such
  // a section, value() gives the T.
  ObjectMutex& mutex() const ABSL_LOCK_RETURNED(mutex_) { return mutex_; }

  // Object<T>::value()
  //
  // REQUIRES: a critical section on mutex() is held (checked by Clang).
  T& value() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return value_; }

 private:
  mutable ObjectMutex mutex_;
  T value_ ABSL_GUARDED_BY(mutex_);
};

// with2()
//
// Runs fn(A&, B&) inside CriticalSection2 over both objects.
//
// Example:
//
//   gil::with2(from, to, [&](Account& f, Account& t) { f.balance -= x; t.balance += x; });
template <class A, class B, class Fn>
decltype(auto) with2(Object<A>& a, Object<B>& b, Fn&& fn) {
  CriticalSection2 section(a.mutex(), b.mutex());
  return std::forward<Fn>(fn)(a.value(), b.value());
}

}  // namespace safelab::gil

#endif  // SAFELAB_GIL_FREE_THREADED_H_
