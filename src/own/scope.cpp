// Scope's bookkeeping: the threads to join, and the failures to report.
#include "safelab/own/scope.h"

#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace safelab::own {

void Scope::start(std::unique_ptr<TaskBase> task) {
  std::thread thread([this, t = std::move(task)]() mutable {
    std::exception_ptr error;
    try {
      t->run();
    } catch (...) {
      error = std::current_exception();
    }
    // The callable and its captures die before join() can return, as they
    // do before std::thread::join() returns.
    std::shared_ptr<internal::JoinState> state = std::move(t->state);
    t.reset();
    if (error) record_failure(state, error);
    state->finish(std::move(error));
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

namespace {

// What a failed thread's report says: what() of a std::exception.
std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "(an exception not derived from std::exception)";
  }
}

}  // namespace

void Scope::record_failure(std::shared_ptr<internal::JoinState> state,
                           const std::exception_ptr& error) {
  // One fprintf per report, so reports of concurrent failures do not
  // interleave; as Rust's "thread '<unnamed>' panicked at ..." line.
  std::fprintf(stderr, "safelab::own::scope: a spawned thread exited by exception: %s\n",
               describe(error).c_str());
  LockGuard hold(mu_);
  failed_.push_back(std::move(state));
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
  return failed_.size();
}

std::exception_ptr Scope::first_unjoined_failure() const {
  std::vector<std::shared_ptr<internal::JoinState>> failed;
  {
    LockGuard hold(mu_);
    failed = failed_;
  }
  // Outside mu_: a JoinState's lock is never taken under the scope's.
  for (const auto& state : failed) {
    if (std::exception_ptr e = state->unhandled()) return e;
  }
  return nullptr;
}

}  // namespace safelab::own
