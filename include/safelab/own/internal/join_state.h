// include/safelab/own/internal/join_state.h
//
// What a scoped thread shares with its ScopedJoinHandle and its Scope: done
// or not, the exception that escaped it, whether a join() took that exception
// (then the scope does not rethrow it), and, in ResultSlot<R>, the value.
// Rust keeps the same things in the `Packet` of std::thread::scoped.
#ifndef SAFELAB_OWN_INTERNAL_JOIN_STATE_H_
#define SAFELAB_OWN_INTERNAL_JOIN_STATE_H_

#include <exception>
#include <optional>
#include <type_traits>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/cond_var.h"

namespace safelab::own::internal {

class JoinState {
 public:
  virtual ~JoinState() = default;

  // Called once by the thread, after its callable (and its captures) died.
  void finish(std::exception_ptr error) ABSL_LOCKS_EXCLUDED(mu_) {
    {
      LockGuard hold(mu_);
      error_ = std::move(error);
      done_ = true;
    }
    cv_.notify_all();
  }

  bool done() const ABSL_LOCKS_EXCLUDED(mu_) {
    LockGuard hold(mu_);
    return done_;
  }

  // Waits for finish(); returns the thread's exception (null if none) and
  // marks it handled by the joiner.
  std::exception_ptr wait_and_take() ABSL_LOCKS_EXCLUDED(mu_) {
    LockGuard hold(mu_);
    while (!done_) cv_.wait(mu_);
    taken_ = true;
    return error_;
  }

  // The exception nobody join()ed, or null.
  std::exception_ptr unhandled() const ABSL_LOCKS_EXCLUDED(mu_) {
    LockGuard hold(mu_);
    return taken_ ? nullptr : error_;
  }

 private:
  mutable AnnotatedMutex mu_;
  CondVar cv_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  bool taken_ ABSL_GUARDED_BY(mu_) = false;
  std::exception_ptr error_ ABSL_GUARDED_BY(mu_);
};

// The value of a thread returning R. Written by the thread before finish()
// and read by join() after wait_and_take(): the mutex inside orders the two,
// so the value itself needs no lock.
template <class R>
class ResultSlot final : public JoinState {
 public:
  std::optional<R> value;
};
template <>
class ResultSlot<void> final : public JoinState {};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_JOIN_STATE_H_
