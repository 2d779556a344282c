// Scope's bookkeeping: the list of threads to join and the first failure.
#include "safelab/own/scope.h"

#include <exception>
#include <memory>
#include <thread>
#include <utility>

namespace safelab::own {

void Scope::start(std::unique_ptr<TaskBase> task) {
  std::thread thread([this, t = std::move(task)] {
    try {
      t->run();
    } catch (...) {
      record_failure(std::current_exception());
    }
  });
  std::exception_ptr failed;
  {
    LockGuard hold(mu_);
    try {
      threads_.push_back(std::move(thread));
      return;
    } catch (...) {
      failed = std::current_exception();
    }
  }
  // Out of memory for the bookkeeping (push_back left `thread` intact). The
  // thread already runs and may borrow the scope's data: join it before the
  // error leaves, and outside the lock, which the thread may need.
  thread.join();
  std::rethrow_exception(failed);
}

void Scope::record_failure(std::exception_ptr error) {
  LockGuard hold(mu_);
  if (failures_++ == 0) first_failure_ = std::move(error);
}

void Scope::join_all() {
  // A spawned thread may spawn more while we join: take the list in rounds
  // until a round finds it empty.
  for (;;) {
    std::vector<std::thread> round;
    {
      LockGuard hold(mu_);
      round.swap(threads_);
    }
    if (round.empty()) return;
    for (std::thread& t : round) t.join();
  }
}

std::size_t Scope::failures() const {
  LockGuard hold(mu_);
  return failures_;
}

std::exception_ptr Scope::first_failure() const {
  LockGuard hold(mu_);
  return first_failure_;
}

}  // namespace safelab::own
