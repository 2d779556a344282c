// include/safelab/own/scope.h
//
// Scoped threads, after Rust's std::thread::scope.
//
//   own::scope(fn)      calls fn(Scope&), then joins every thread spawned in
//                       the scope before returning fn's result
//   Scope::spawn(f, a…) starts a thread running f(a…) inside the scope
//
// Because every thread is joined before scope() returns, spawned callables
// may borrow (capture by reference) anything that outlives the scope() call:
// the borrow cannot dangle. That is the guarantee std::thread lacks (a
// detached or forgotten thread outlives its data) and std::jthread gives only
// one object at a time.
//
// Exceptions (Rust: panics). An exception escaping a spawned thread is caught
// there; after *all* threads are joined, scope() rethrows the first one
// caught. If fn itself throws, every thread is still joined first, and fn's
// exception wins. Nothing is ever lost silently: a thread that throws while
// another already has is counted (Scope::failures()).
//
// Arguments passed to spawn() are decay-copied into the new thread, as with
// std::thread, and must be Sendable (sendable.h): a std::string_view or raw
// pointer argument is a compile error. To share something on purpose, capture
// it in the callable, where the borrow is visible at the call site.
//
// Example:
//
//   std::vector<int> data = load();
//   std::array<long, 2> sums{};
//   own::scope([&](own::Scope& s) {
//     s.spawn([&] { sums[0] = sum(data, 0, data.size() / 2); });
//     s.spawn([&] { sums[1] = sum(data, data.size() / 2, data.size()); });
//   });                                  // both joined here
//   return sums[0] + sums[1];            // no race: the joins ordered them
#ifndef SAFELAB_OWN_SCOPE_H_
#define SAFELAB_OWN_SCOPE_H_

#include <concepts>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/sendable.h"

namespace safelab::own {

class Scope;

template <class F>
requires std::invocable<F&, Scope&> std::invoke_result_t<F&, Scope&> scope(F&& fn);

// Scope
//
// Made only by scope(); passed to its callable by reference. Thread-safe:
// spawned threads may spawn more threads into the same scope.
class Scope {
 public:
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  // Scope::spawn()
  //
  // Starts a thread that runs `std::invoke(f, args...)` on decay-copies of
  // `f` and `args` made in the calling thread. Its result is discarded; use a
  // captured variable or a Channel to hand results back.
  // Errors: std::system_error if the thread cannot be started (nothing was
  // started then).
  template <class F, class... Args>
  void spawn(F&& f, Args&&... args) {
    static_assert((Sendable<std::decay_t<Args>> && ...),
                  "safelab::own::Scope::spawn: an argument type is not Sendable (a raw pointer, "
                  "std::string_view, std::span or a type that opted out); pass an owning value, "
                  "or capture what the thread borrows in the callable, where it shows");
    static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                  "safelab::own::Scope::spawn: f cannot be called with these arguments");
    start(std::make_unique<Task<std::decay_t<F>, std::decay_t<Args>...>>(
        std::forward<F>(f), std::forward<Args>(args)...));
  }

  // Scope::failures()
  //
  // How many spawned threads have exited by exception so far.
  std::size_t failures() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  template <class F>
  requires std::invocable<F&, Scope&>
  friend std::invoke_result_t<F&, Scope&> scope(F&& fn);

  // What a spawned thread runs. Type-erased so that every thread starts in
  // one non-template function of the library: a sanitizer report's stack then
  // names the user's callable, not pages of std::thread<tuple<lambda...>>
  // internals, whose demangled names overflow the symbolizer's buffer and
  // leave the racing frame printed as <null>.
  struct TaskBase {
    virtual ~TaskBase() = default;
    virtual void run() = 0;
  };
  template <class F, class... Args>
  struct Task final : TaskBase {
    template <class G, class... As>
    explicit Task(G&& g, As&&... as) : fn(std::forward<G>(g)), args(std::forward<As>(as)...) {}
    void run() override { std::apply(std::move(fn), std::move(args)); }
    F fn;
    std::tuple<Args...> args;
  };

  Scope() = default;
  ~Scope() = default;

  // Starts a thread running `task`, catching what escapes it.
  void start(std::unique_ptr<TaskBase> task) ABSL_LOCKS_EXCLUDED(mu_);
  void record_failure(std::exception_ptr error) ABSL_LOCKS_EXCLUDED(mu_);
  // Joins every thread, including ones spawned while joining.
  void join_all() ABSL_LOCKS_EXCLUDED(mu_);
  // The first exception of a spawned thread, or null.
  std::exception_ptr first_failure() const ABSL_LOCKS_EXCLUDED(mu_);

  mutable AnnotatedMutex mu_;
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
  std::exception_ptr first_failure_ ABSL_GUARDED_BY(mu_);
  std::size_t failures_ ABSL_GUARDED_BY(mu_) = 0;
};

// scope()
//
// Runs `fn(scope)`, joins all threads spawned into the scope, then returns
// fn's result. Errors: rethrows fn's exception if it threw, else the first
// exception that escaped a spawned thread (after every join, always).
template <class F>
requires std::invocable<F&, Scope&> std::invoke_result_t<F&, Scope&> scope(F&& fn) {
  Scope s;
  using R = std::invoke_result_t<F&, Scope&>;
  // Join even when fn throws: the threads may borrow fn's locals' owners.
  struct JoinOnExit {
    Scope& scope;
    ~JoinOnExit() { scope.join_all(); }
  };
  if constexpr (std::is_void_v<R>) {
    {
      JoinOnExit join{s};
      std::invoke(fn, s);
    }
    if (std::exception_ptr e = s.first_failure()) std::rethrow_exception(e);
  } else {
    std::optional<R> result;
    {
      JoinOnExit join{s};
      result.emplace(std::invoke(fn, s));
    }
    if (std::exception_ptr e = s.first_failure()) std::rethrow_exception(e);
    return std::move(*result);
  }
}

}  // namespace safelab::own

#endif  // SAFELAB_OWN_SCOPE_H_
