// include/safelab/gil/gil.h
//
// A faithful model of CPython 3.11's global interpreter lock (the "new GIL"
// of Python 3.2+, Python/ceval_gil.h), for programs that want to *run* the
// way CPython threads run and measure it.
//
// The GIL is not a plain mutex. A thread that wants it and finds it taken
// waits on a condition variable for one *switch interval* (5 ms by default,
// `sys.setswitchinterval`). If the interval expires and no other thread got
// the GIL meanwhile, the waiter sets a *drop request*. The holder does not
// notice until its interpreter loop next checks the *eval breaker* at a
// bytecode boundary; it then drops the GIL and, with FORCE_SWITCHING, waits
// until another thread has really taken it before asking for it again.
// Blocking calls release the GIL around themselves
// (Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS), so I/O overlaps with
// other threads' bytecode, but every return from a blocking call must win
// the GIL back, which is what makes I/O threads suffer beside CPU-bound
// ones (the convoy effect).
//
// This header defines:
//
//   Gil           one interpreter's lock, its switch interval and counters
//   ThreadState   one Python thread: holds the GIL for its lifetime (RAII)
//                 and calls tick() at "bytecode boundaries"
//   AllowThreads  releases the GIL around a blocking call (RAII)
//   GilStats, ThreadStats  the counters: switches, drop requests, forced
//                 switches, time waiting and holding, per thread
//
// Mapping to CPython 3.11's Python/ceval_gil.h:
//
//   take_gil()                      ThreadState ctor, ~AllowThreads, tick()
//   drop_gil()                      ~ThreadState, AllowThreads ctor, tick()
//   eval_frame_handle_pending()     ThreadState::tick() when a drop is asked
//   gil->interval                   Gil::switch_interval()
//   gil->switch_number              GilStats::switches
//   SET_GIL_DROP_REQUEST            GilStats::drop_requests
//   PyGILState_Check()              Gil::held_by_this_thread()
//
// Example:
//
//   safelab::gil::Gil gil;                      // 5 ms switch interval
//   auto worker = [&] {
//     safelab::gil::ThreadState ts(gil);        // blocks until it has the GIL
//     for (int i = 0; i < 1'000'000; ++i) {
//       work();                                 // "bytecode", under the GIL
//       ts.tick();                              // may hand the GIL over
//     }
//     {
//       safelab::gil::AllowThreads allow(ts);   // others run meanwhile
//       read(fd, buf, n);                       // blocking call, GIL released
//     }                                         // waits for the GIL again
//   };                                          // ~ThreadState drops it
//   std::jthread a(worker), b(worker);
//
// Misuse is a fatal error with a message (as Py_FatalError), never a silent
// deadlock: a second ThreadState for the same Gil on one thread, tick() or
// AllowThreads without the GIL, or destroying a Gil that still has threads.
#ifndef SAFELAB_GIL_GIL_H_
#define SAFELAB_GIL_GIL_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "safelab/gil/internal/sync.h"

namespace safelab::gil {

class ThreadState;
class AllowThreads;

namespace internal {
struct ThreadCounters;  // per-thread atomics, shared by a ThreadState and its Gil
}  // namespace internal

// ThreadStats
//
// One thread's share of the GIL. Times are wall-clock (steady_clock).
struct ThreadStats {
  std::uint64_t id = 0;             // 1, 2, ... in the order ThreadStates were made
  std::string name;                 // as given to the ThreadState, may be empty
  std::uint64_t acquisitions = 0;   // times it took the GIL
  std::uint64_t forced_drops = 0;   // times tick() gave the GIL up on request
  std::uint64_t drop_requests = 0;  // drop requests it set while waiting
  std::chrono::nanoseconds hold_time{0};
  std::chrono::nanoseconds wait_time{0};  // in take_gil, GIL not yet won
  std::chrono::nanoseconds max_wait{0};   // its longest single wait
};

// GilStats
//
// A snapshot of a Gil's counters.
struct GilStats {
  // gil->switch_number: times the GIL went to a thread other than its last
  // holder. Like CPython, the very first acquisition counts as one.
  std::uint64_t switches = 0;
  // Times a waiter's timed wait expired with no switch and it set the drop
  // request (SET_GIL_DROP_REQUEST).
  std::uint64_t drop_requests = 0;
  // Times a dropping thread found a drop request pending and waited on
  // switch_cond until another thread took the GIL (FORCE_SWITCHING).
  std::uint64_t forced_switches = 0;
  // Sum of all threads' wait_time.
  std::chrono::nanoseconds total_wait{0};
  // Hand-offs: takes by a thread that had been waiting and was not the last
  // holder, and their summed latency, each measured from the moment the
  // previous holder released the GIL (drop_gil's `locked = 0`) to the moment
  // the new holder marked it taken. Both timestamps are read under the GIL's
  // mutex, in that order, so every hand-off is >= 0 by construction:
  // handoff_time / handoffs is the direct cost of one switch (the waiter's
  // wake-up), with no subtraction of two noisy wall times.
  std::uint64_t handoffs = 0;
  std::chrono::nanoseconds handoff_time{0};
  // The most ThreadStates seen holding the GIL at the same moment, counted
  // where "Python code" runs: from the end of take_gil to the start of
  // drop_gil. It is 1 in every run of a correct model (0 before any take);
  // tests assert it, so a protocol hole that lets two threads interpret at
  // once cannot hide behind a plausible wall time.
  int max_holders = 0;
  std::vector<ThreadStats> threads;  // every ThreadState ever made, by id
};

// Gil
//
// One interpreter's global lock. Threads use it only through ThreadState and
// AllowThreads; the Gil itself offers the switch interval and the counters.
// Thread-safe. Neither copyable nor movable (threads point at it).
class Gil {
 public:
  static constexpr std::chrono::microseconds kDefaultSwitchInterval{5000};

  // Gil::Gil()
  //
  // REQUIRES: interval > 0 (std::invalid_argument otherwise).
  explicit Gil(std::chrono::microseconds interval = kDefaultSwitchInterval);

  // Gil::~Gil()
  //
  // REQUIRES: no ThreadState of this Gil is alive (fatal error otherwise,
  // naming how many are).
  ~Gil();

  Gil(const Gil&) = delete;
  Gil& operator=(const Gil&) = delete;

  // Gil::set_switch_interval()
  //
  // sys.setswitchinterval(): how long a waiter waits before it asks the
  // holder to drop the GIL. Takes effect at each waiter's next timed wait,
  // as in CPython. REQUIRES: interval > 0 (std::invalid_argument otherwise).
  void set_switch_interval(std::chrono::microseconds interval);

  // Gil::switch_interval()
  std::chrono::microseconds switch_interval() const {
    return std::chrono::microseconds(interval_us_.load(std::memory_order_relaxed));
  }

  // Gil::stats()
  //
  // A consistent-enough snapshot of the counters: each counter is exact, but
  // counters of running threads may be read at slightly different moments.
  GilStats stats() const;

  // Gil::waiters()
  //
  // How many threads are inside take_gil waiting for the GIL right now.
  // Meant for tests and diagnostics that need to know a thread is queued.
  int waiters() const;

  // Gil::held_by_this_thread()
  //
  // PyGILState_Check(): whether the calling thread holds this GIL right now
  // (a ThreadState of it, outside any AllowThreads scope). Callable from any
  // thread at any time; code that touches "Python" state asserts it, and the
  // labs' tests use it to see where a thread released the GIL.
  bool held_by_this_thread() const;

  // Gil::drop_requested()
  //
  // Whether a drop request is pending (the eval breaker is set).
  bool drop_requested() const { return drop_request_.load(std::memory_order_relaxed); }

 private:
  friend class ThreadState;
  friend class AllowThreads;

  // take_gil(): blocks until `ts` holds the GIL.
  void take(ThreadState& ts);
  // drop_gil(): releases it; waits for a switch if a drop was requested.
  void drop(ThreadState& ts);
  // eval_frame_handle_pending(): the slow path of ThreadState::tick().
  void handle_drop_request(ThreadState& ts);
  // Bookkeeping for GilStats::max_holders, at the end of take().
  void note_holder_enters();

  std::atomic<std::int64_t> interval_us_;
  // gil_drop_request, which in CPython also sets eval_breaker: the one word
  // the holder polls at every bytecode boundary.
  std::atomic<bool> drop_request_{false};
  // gil->locked and gil->last_holder: atomics read outside the mutex, as in
  // CPython, but only written with mutex_ (locked) or switch_mutex_ held.
  std::atomic<bool> locked_{false};
  std::atomic<std::uint64_t> last_holder_{0};  // ThreadState id, 0 = nobody yet

  mutable internal::Mutex mutex_;  // gil->mutex, with cond_ (gil->cond)
  internal::CondVar cond_;
  std::uint64_t switch_number_ ABSL_GUARDED_BY(mutex_) = 0;
  std::uint64_t drop_request_count_ ABSL_GUARDED_BY(mutex_) = 0;
  int waiters_ ABSL_GUARDED_BY(mutex_) = 0;
  // When the GIL was last released (steady_clock, ns since its epoch) and
  // the hand-offs measured from it (GilStats::handoffs, handoff_time).
  std::int64_t released_at_ns_ ABSL_GUARDED_BY(mutex_) = 0;
  std::uint64_t handoffs_ ABSL_GUARDED_BY(mutex_) = 0;
  std::int64_t handoff_ns_ ABSL_GUARDED_BY(mutex_) = 0;

  // Threads between the end of take() and the start of drop(), and the most
  // ever seen at once (GilStats::max_holders). Deliberately *not* guarded by
  // mutex_: they observe the protocol from the outside, as the holders'
  // code would, rather than trusting the lock they are meant to check.
  std::atomic<int> holders_{0};
  std::atomic<int> max_holders_{0};

  internal::Mutex switch_mutex_;  // gil->switch_mutex, with switch_cond_
  internal::CondVar switch_cond_;
  std::atomic<std::uint64_t> forced_switches_{0};

  mutable internal::Mutex registry_mutex_;
  std::vector<std::shared_ptr<internal::ThreadCounters>> threads_ ABSL_GUARDED_BY(registry_mutex_);
  std::uint64_t next_id_ ABSL_GUARDED_BY(registry_mutex_) = 1;
  int live_threads_ ABSL_GUARDED_BY(registry_mutex_) = 0;
};

// ThreadState
//
// One Python thread attached to a Gil (a PyThreadState). The constructor
// takes the GIL, blocking as take_gil does; the destructor drops it. Create
// it on the thread that runs the "Python code" and keep it there: like a
// PyThreadState it belongs to one OS thread.
//
// REQUIRES: the calling thread has no other live ThreadState of the same
// Gil (that would deadlock in CPython too; here it is a fatal error).
class ThreadState {
 public:
  explicit ThreadState(Gil& gil, std::string_view name = {});
  ~ThreadState();

  ThreadState(const ThreadState&) = delete;
  ThreadState& operator=(const ThreadState&) = delete;

  // ThreadState::tick()
  //
  // The eval-breaker check CPython's interpreter loop makes at bytecode
  // boundaries (CHECK_EVAL_BREAKER at backward jumps and calls). Costs one
  // relaxed load when nobody is waiting. When a drop request is pending it
  // drops the GIL, waits until another thread has taken it (forced
  // switching), then waits to take it back. Returns whether it switched.
  //
  // REQUIRES: this thread holds the GIL through this ThreadState (not
  // inside an AllowThreads scope); a fatal error otherwise.
  bool tick() {
    if (gil_.drop_request_.load(std::memory_order_relaxed)) [[unlikely]] {
      gil_.handle_drop_request(*this);
      return true;
    }
    return false;
  }

  // ThreadState::holds_gil()
  bool holds_gil() const { return holding_; }

  // ThreadState::id()
  //
  // This thread's id in the Gil's ThreadStats (1-based, creation order).
  std::uint64_t id() const { return id_; }

  // ThreadState::gil()
  Gil& gil() const { return gil_; }

 private:
  friend class Gil;
  friend class AllowThreads;

  Gil& gil_;
  std::uint64_t id_ = 0;
  std::shared_ptr<internal::ThreadCounters> counters_;
  bool holding_ = false;  // only ever touched by the owning thread
  std::chrono::steady_clock::time_point hold_start_{};
  ThreadState* previous_on_thread_ = nullptr;  // this OS thread's stack of states
};

// AllowThreads
//
// Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS: the constructor releases
// the GIL (as PyEval_SaveThread, including the forced-switch wait when a drop
// request is pending), the destructor takes it back (PyEval_RestoreThread),
// waiting as long as take_gil must. Put exactly the blocking call inside; no
// "Python" state may be touched in the scope.
//
// REQUIRES: `ts` holds the GIL (fatal error otherwise; nesting two
// AllowThreads on one ThreadState is thus caught).
//
// Example:
//
//   ssize_t n;
//   {
//     safelab::gil::AllowThreads allow(ts);
//     n = ::recv(fd, buf, sizeof buf, 0);   // other threads run meanwhile
//   }
//   ts.tick();
class AllowThreads {
 public:
  explicit AllowThreads(ThreadState& ts);
  ~AllowThreads();

  AllowThreads(const AllowThreads&) = delete;
  AllowThreads& operator=(const AllowThreads&) = delete;

 private:
  ThreadState& ts_;
};

}  // namespace safelab::gil

#endif  // SAFELAB_GIL_GIL_H_
