// PEP 703 critical sections: per-thread stack of sections, suspended when the
// thread must wait for an object's lock, the innermost resumed when the
// section that waited ends (CPython 3.13's Python/critical_section.c has the
// same shape).
#include "safelab/gil/free_threaded.h"

#include <functional>

namespace safelab::gil {
namespace {

// This thread's innermost critical section.
thread_local CriticalSection* top_section = nullptr;

}  // namespace

// The lock juggling, in one place. Runs with the analysis off: which locks
// are held changes at run time (suspension), which Clang cannot follow; the
// public constructors and destructors carry the annotations callers rely on.
struct CriticalSectionOps {
  static void lock_both(CriticalSection& s) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    s.first_->mu_.lock();
    if (s.second_ != nullptr) s.second_->mu_.lock();
  }
  static bool try_lock_both(CriticalSection& s) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (!s.first_->mu_.try_lock()) return false;
    if (s.second_ != nullptr && !s.second_->mu_.try_lock()) {
      s.first_->mu_.unlock();
      return false;
    }
    return true;
  }
  static void unlock_both(CriticalSection& s) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (s.second_ != nullptr) s.second_->mu_.unlock();
    s.first_->mu_.unlock();
  }

  // _PyCriticalSection_SuspendAll: before waiting, hold nothing.
  static void suspend_all(FreeThreaded& rt) {
    for (CriticalSection* s = top_section; s != nullptr; s = s->previous_) {
      if (!s->active_) continue;
      unlock_both(*s);
      s->active_ = false;
      rt.suspensions_.fetch_add(1, std::memory_order_relaxed);
    }
  }

  // _PyCriticalSection_BeginSlow and friends.
  static void begin(CriticalSection& s) {
    FreeThreaded& rt = s.first_->runtime();
    rt.sections_.fetch_add(1, std::memory_order_relaxed);
    s.previous_ = top_section;
    if (!try_lock_both(s)) {
      rt.contended_.fetch_add(1, std::memory_order_relaxed);
      suspend_all(rt);
      lock_both(s);  // holds no other object lock here: cannot deadlock
    }
    s.active_ = true;
    top_section = &s;
  }

  // _PyCriticalSection_End, then _PyCriticalSection_Resume of the enclosing
  // section if a wait suspended it.
  static void end(CriticalSection& s) {
    unlock_both(s);
    s.active_ = false;
    top_section = s.previous_;
    if (CriticalSection* outer = top_section; outer != nullptr && !outer->active_) {
      lock_both(*outer);  // this thread holds no object lock: cannot deadlock
      outer->active_ = true;
    }
  }
};

CriticalSection::CriticalSection(ObjectMutex& mu) : first_(&mu), previous_(nullptr) {
  CriticalSectionOps::begin(*this);
}

CriticalSection::CriticalSection(TwoTag, ObjectMutex& a, ObjectMutex& b)
    : first_(&a), previous_(nullptr) {
  if (&a != &b) {
    // Py_BEGIN_CRITICAL_SECTION2 orders the pair by address.
    const bool a_first = std::less<const ObjectMutex*>{}(&a, &b);
    first_ = a_first ? &a : &b;
    second_ = a_first ? &b : &a;
  }
  CriticalSectionOps::begin(*this);
}

CriticalSection::~CriticalSection() { CriticalSectionOps::end(*this); }

}  // namespace safelab::gil
