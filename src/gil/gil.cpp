// The GIL model: take_gil and drop_gil of CPython 3.11's Python/ceval_gil.h,
// step by step. Comments name the CPython statement each block stands for,
// so the two can be read side by side (docs/gil.md has the full mapping).
#include "safelab/gil/gil.h"

#include "safelab/err/panic.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace safelab::gil {
namespace internal {

// Written only by the owning thread, read by Gil::stats() from any thread:
// relaxed atomics make that well defined without ordering costs.
struct ThreadCounters {
  std::uint64_t id = 0;
  std::string name;
  std::atomic<std::uint64_t> acquisitions{0};
  std::atomic<std::uint64_t> forced_drops{0};
  std::atomic<std::uint64_t> drop_requests{0};
  std::atomic<std::int64_t> hold_ns{0};
  std::atomic<std::int64_t> wait_ns{0};
  std::atomic<std::int64_t> max_wait_ns{0};
};

}  // namespace internal

namespace {

using Clock = std::chrono::steady_clock;

// Py_FatalError: misuse that would deadlock or corrupt the model is reported
// and ends the process, never left to hang.
// It is safelab's one panic (err/panic.h), so it prints like every other.
[[noreturn]] void fatal(const std::string& message) { err::panic("gil fatal error: " + message); }

void add(std::atomic<std::int64_t>& counter, Clock::duration d) {
  counter.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count(),
                    std::memory_order_relaxed);
}

std::int64_t to_ns(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// The ThreadStates alive on this OS thread, newest first (a PyThreadState
// belongs to one thread; this is how misuse is caught).
thread_local ThreadState* current_states = nullptr;

}  // namespace

// ---------------------------------------------------------------- Gil

Gil::Gil(std::chrono::microseconds interval) : interval_us_(interval.count()) {
  if (interval.count() <= 0) {
    throw std::invalid_argument("gil::Gil: the switch interval must be positive, got " +
                                std::to_string(interval.count()) + " us");
  }
}

Gil::~Gil() {
  internal::MutexLock lock(registry_mutex_);
  if (live_threads_ != 0) {
    fatal("Gil destroyed while " + std::to_string(live_threads_) +
          " ThreadState(s) of it are alive; destroy (join) them first");
  }
}

void Gil::set_switch_interval(std::chrono::microseconds interval) {
  if (interval.count() <= 0) {
    throw std::invalid_argument(
        "gil::Gil::set_switch_interval: the interval must be positive, got " +
        std::to_string(interval.count()) + " us");
  }
  interval_us_.store(interval.count(), std::memory_order_relaxed);
}

int Gil::waiters() const {
  internal::MutexLock lock(mutex_);
  return waiters_;
}

bool Gil::held_by_this_thread() const {
  // Only this thread's own states are walked, and only it writes their
  // holding_ flags: no lock needed.
  for (const ThreadState* s = current_states; s != nullptr; s = s->previous_on_thread_) {
    if (&s->gil_ == this) return s->holding_;
  }
  return false;
}

GilStats Gil::stats() const {
  GilStats s;
  {
    internal::MutexLock lock(mutex_);
    s.switches = switch_number_;
    s.drop_requests = drop_request_count_;
    s.handoffs = handoffs_;
    s.handoff_time = std::chrono::nanoseconds(handoff_ns_);
  }
  s.max_holders = max_holders_.load(std::memory_order_relaxed);
  s.forced_switches = forced_switches_.load(std::memory_order_relaxed);
  internal::MutexLock lock(registry_mutex_);
  for (const auto& c : threads_) {
    ThreadStats t;
    t.id = c->id;
    t.name = c->name;
    t.acquisitions = c->acquisitions.load(std::memory_order_relaxed);
    t.forced_drops = c->forced_drops.load(std::memory_order_relaxed);
    t.drop_requests = c->drop_requests.load(std::memory_order_relaxed);
    t.hold_time = std::chrono::nanoseconds(c->hold_ns.load(std::memory_order_relaxed));
    t.wait_time = std::chrono::nanoseconds(c->wait_ns.load(std::memory_order_relaxed));
    t.max_wait = std::chrono::nanoseconds(c->max_wait_ns.load(std::memory_order_relaxed));
    s.total_wait += t.wait_time;
    s.threads.push_back(std::move(t));
  }
  return s;
}

// Counts a thread into "Python code" (GilStats::max_holders). The acquire
// half pairs with the release in drop(): a correct hand-off orders the old
// holder's decrement before the new holder's increment, so the count can
// exceed 1 only if two threads really are past take() at once.
void Gil::note_holder_enters() {
  const int now_inside = holders_.fetch_add(1, std::memory_order_acq_rel) + 1;
  int most = max_holders_.load(std::memory_order_relaxed);
  while (now_inside > most &&
         !max_holders_.compare_exchange_weak(most, now_inside, std::memory_order_relaxed)) {
  }
}

// take_gil(tstate)
void Gil::take(ThreadState& ts) {
  const Clock::time_point start = Clock::now();
  Clock::time_point now;
  bool waited = false;
  {
    internal::MutexLock lock(mutex_);  // MUTEX_LOCK(gil->mutex)
    if (locked_.load(std::memory_order_relaxed)) {
      waited = true;
      ++waiters_;
      while (locked_.load(std::memory_order_relaxed)) {
        const std::uint64_t saved_switchnum = switch_number_;
        // interval = (gil->interval >= 1 ? gil->interval : 1), re-read on
        // every round so that set_switch_interval() applies to the next wait.
        const auto interval = std::chrono::microseconds(
            std::max<std::int64_t>(1, interval_us_.load(std::memory_order_relaxed)));
        const bool timed_out = cond_.wait_for(mutex_, interval);  // COND_TIMED_WAIT
        // "If we timed out and no switch occurred in the meantime, it is
        // time to ask the GIL-holding thread to drop it."
        if (timed_out && locked_.load(std::memory_order_relaxed) &&
            switch_number_ == saved_switchnum) {
          drop_request_.store(true, std::memory_order_relaxed);  // SET_GIL_DROP_REQUEST
          ++drop_request_count_;
          ts.counters_->drop_requests.fetch_add(1, std::memory_order_relaxed);
        }
      }
      --waiters_;
    }
    // _ready: "This mutex must be taken before modifying gil->last_holder:
    // see drop_gil()."
    bool switched = false;
    {
      internal::MutexLock switch_lock(switch_mutex_);
      locked_.store(true, std::memory_order_relaxed);
      if (last_holder_.load(std::memory_order_relaxed) != ts.id_) {
        last_holder_.store(ts.id_, std::memory_order_relaxed);
        ++switch_number_;
        switched = true;
      }
      switch_cond_.signal();  // wakes a forced-switching dropper
    }
    // The new holder clears any pending request: it was about this switch.
    if (drop_request_.load(std::memory_order_relaxed)) {
      drop_request_.store(false, std::memory_order_relaxed);  // RESET_GIL_DROP_REQUEST
    }
    // Not in CPython: the hand-off latency, from the previous holder's
    // release (stamped under this mutex) to now. Counted only for a waiter
    // that got the GIL from another thread: that wake-up is the switch cost.
    now = Clock::now();
    if (waited && switched) {
      ++handoffs_;
      handoff_ns_ += std::max<std::int64_t>(0, to_ns(now) - released_at_ns_);
    }
  }  // MUTEX_UNLOCK(gil->mutex)

  note_holder_enters();
  internal::ThreadCounters& c = *ts.counters_;
  c.acquisitions.fetch_add(1, std::memory_order_relaxed);
  if (waited) {
    const auto wait_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - start).count();
    c.wait_ns.fetch_add(wait_ns, std::memory_order_relaxed);
    if (wait_ns > c.max_wait_ns.load(std::memory_order_relaxed)) {
      c.max_wait_ns.store(wait_ns, std::memory_order_relaxed);  // only this thread writes it
    }
  }
  ts.holding_ = true;
  ts.hold_start_ = now;
}

// drop_gil(ceval, ceval2, tstate)
void Gil::drop(ThreadState& ts) {
  if (!ts.holding_ || !locked_.load(std::memory_order_relaxed)) {
    fatal("drop_gil: thread " + std::to_string(ts.id_) + " does not hold the GIL");
  }
  holders_.fetch_sub(1, std::memory_order_release);  // leaves "Python code" first
  ts.holding_ = false;
  add(ts.counters_->hold_ns, Clock::now() - ts.hold_start_);

  // "Sub-interpreter support: threads might have been switched under our
  // feet using PyThreadState_Swap(). Fix the GIL last holder variable so
  // that our heuristics work."
  last_holder_.store(ts.id_, std::memory_order_relaxed);
  {
    internal::MutexLock lock(mutex_);
    locked_.store(false, std::memory_order_relaxed);
    released_at_ns_ = to_ns(Clock::now());  // the start of a hand-off
    cond_.signal();                         // COND_SIGNAL(gil->cond): one waiter
  }

  // FORCE_SWITCHING: if somebody asked for the GIL, do not race it back to
  // the lock; wait until another thread has really taken it.
  if (drop_request_.load(std::memory_order_relaxed)) {
    internal::MutexLock switch_lock(switch_mutex_);
    if (last_holder_.load(std::memory_order_relaxed) == ts.id_) {  // not switched yet
      drop_request_.store(false, std::memory_order_relaxed);       // RESET_GIL_DROP_REQUEST
      forced_switches_.fetch_add(1, std::memory_order_relaxed);
      // CPython waits once; the loop only absorbs spurious wake-ups. A
      // waiter set the request and stays in take() until it wins, so some
      // thread always takes the GIL and ends this wait.
      while (last_holder_.load(std::memory_order_relaxed) == ts.id_) {
        switch_cond_.wait(switch_mutex_);
      }
    }
  }
}

// eval_frame_handle_pending(): "Give another thread a chance".
void Gil::handle_drop_request(ThreadState& ts) {
  if (!ts.holding_) {
    fatal("ThreadState::tick() called without the GIL (inside AllowThreads?) on thread " +
          std::to_string(ts.id_));
  }
  ts.counters_->forced_drops.fetch_add(1, std::memory_order_relaxed);
  drop(ts);
  // Other threads may run now.
  take(ts);
}

// ---------------------------------------------------------------- ThreadState

ThreadState::ThreadState(Gil& gil, std::string_view name)
    : gil_(gil), counters_(std::make_shared<internal::ThreadCounters>()) {
  for (const ThreadState* s = current_states; s != nullptr; s = s->previous_on_thread_) {
    if (&s->gil_ == &gil_) {
      fatal("a second ThreadState for the same Gil on one OS thread (thread " +
            std::to_string(s->id_) + " already has one): it would wait for itself forever");
    }
  }
  counters_->name = std::string(name);
  {
    internal::MutexLock lock(gil_.registry_mutex_);
    id_ = gil_.next_id_++;
    counters_->id = id_;
    gil_.threads_.push_back(counters_);
    ++gil_.live_threads_;
  }
  previous_on_thread_ = current_states;
  current_states = this;
  gil_.take(*this);
}

ThreadState::~ThreadState() {
  // Unlink from this OS thread's stack; not finding it means the state is
  // being destroyed on another thread than the one it belongs to.
  ThreadState** link = &current_states;
  while (*link != nullptr && *link != this) link = &(*link)->previous_on_thread_;
  if (*link == nullptr) {
    fatal("ThreadState " + std::to_string(id_) +
          " destroyed on a different OS thread than the one that created it");
  }
  *link = previous_on_thread_;
  if (!holding_) {
    fatal("ThreadState " + std::to_string(id_) +
          " destroyed inside an AllowThreads scope (it does not hold the GIL)");
  }
  gil_.drop(*this);  // _PyEval_ReleaseLock: drop_gil with this tstate
  internal::MutexLock lock(gil_.registry_mutex_);
  --gil_.live_threads_;
}

// ---------------------------------------------------------------- AllowThreads

AllowThreads::AllowThreads(ThreadState& ts) : ts_(ts) {
  if (!ts_.holding_) {
    fatal("AllowThreads: thread " + std::to_string(ts_.id_) +
          " does not hold the GIL (nested AllowThreads?)");
  }
  ts_.gil_.drop(ts_);  // PyEval_SaveThread
}

AllowThreads::~AllowThreads() { ts_.gil_.take(ts_); }  // PyEval_RestoreThread

}  // namespace safelab::gil
