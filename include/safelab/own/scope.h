// include/safelab/own/scope.h
//
// Scoped threads, after Rust's std::thread::scope.
//
//   own::scope(fn)      calls fn(Scope&), then joins every thread spawned in
//                       the scope before returning fn's result
//   Scope::spawn(f, a…) starts a thread running f(a…) inside the scope and
//                       returns its ScopedJoinHandle<R>
//   ScopedJoinHandle<R> join() waits for that thread: its result, or the
//                       exception that escaped it as an error
//
// Because every thread is joined before scope() returns, spawned callables
// may borrow (capture by reference) anything that outlives the scope() call:
// the borrow cannot dangle. That is the guarantee std::thread lacks (a
// detached or forgotten thread outlives its data) and std::jthread gives only
// one object at a time.
//
// Exceptions (Rust: panics). Rust prints every panic as it happens, and
// std::thread::scope documents: "If any of the automatically joined threads
// panicked, this function will panic. If you want to handle panics from
// spawned threads, join them before the end of the scope." So here:
//   - an exception escaping a spawned thread is caught there and reported on
//     stderr at once, with its what(), as Rust's panic hook prints each panic
//     message: a second failing thread is never silent;
//   - ScopedJoinHandle::join() hands that exception to the joiner as an error
//     (err::Result<R, std::exception_ptr>), and a joined thread's exception
//     is then the joiner's business: scope() does not rethrow it;
//   - after *all* threads are joined, scope() rethrows the first exception
//     (in the order they were caught) that no join() took. Rust instead
//     panics with a new payload ("a scoped thread panicked"); rethrowing the
//     thread's own exception keeps its type for the caller's catch.
// If fn itself throws, every thread is still joined first, and fn's exception
// wins (Rust: the closure's panic is resumed). Scope::failures() counts every
// thread that exited by exception, joined or not.
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
#include "safelab/err/panic.h"
#include "safelab/err/result.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/internal/join_state.h"
#include "safelab/own/sendable.h"

namespace safelab::own {

class Scope;

// ScopedJoinHandle<R>
//
// Returned by Scope::spawn() for a thread whose callable returns R; Rust's
// ScopedJoinHandle. Move-only. Dropping it without join() is fine: scope()
// joins the thread anyway, and rethrows its exception if it had one.
template <class R>
class ScopedJoinHandle {
 public:
  ScopedJoinHandle(ScopedJoinHandle&&) noexcept = default;
  ScopedJoinHandle& operator=(ScopedJoinHandle&&) noexcept = default;
  ScopedJoinHandle(const ScopedJoinHandle&) = delete;
  ScopedJoinHandle& operator=(const ScopedJoinHandle&) = delete;

  // ScopedJoinHandle<R>::join()
  //
  // Waits for the thread to finish (returns at once if it has) and gives its
  // result. Rust: "If the child thread panics, Err is returned with the
  // parameter given to panic!". The exception is then handled here: scope()
  // will not rethrow it. The thread's callable and its captures are
  // destroyed before join() returns, as with std::thread::join().
  // Errors: the exception that escaped the thread, as std::exception_ptr.
  // REQUIRES: not joined yet and not moved from (Rust's join consumes the
  // handle); checked: err::panic otherwise.
  err::Result<R, std::exception_ptr> join() {
    if (!slot_) err::panic("ScopedJoinHandle::join(): already joined or moved from");
    const std::shared_ptr<internal::ResultSlot<R>> slot = std::move(slot_);
    if (std::exception_ptr e = slot->wait_and_take()) return err::Err(std::move(e));
    if constexpr (std::is_void_v<R>) {
      return err::Ok();
    } else {
      return err::Result<R, std::exception_ptr>(std::in_place, std::move(*slot->value));
    }
  }

  // ScopedJoinHandle<R>::is_finished()
  //
  // Whether the thread has finished running (Rust's is_finished()); false
  // once joined or moved from.
  bool is_finished() const { return slot_ && slot_->done(); }

 private:
  friend class Scope;
  explicit ScopedJoinHandle(std::shared_ptr<internal::ResultSlot<R>> slot)
      : slot_(std::move(slot)) {}

  std::shared_ptr<internal::ResultSlot<R>> slot_;
};

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
  // `f` and `args` made in the calling thread, and returns the handle that
  // join()s it for its result (ignoring the handle is fine: see above).
  // Errors: std::system_error if the thread cannot be started (nothing was
  // started then).
  template <class F, class... Args>
  auto spawn(F&& f, Args&&... args) {
    static_assert((Sendable<std::decay_t<Args>> && ...),
                  "safelab::own::Scope::spawn: an argument type is not Sendable (a raw pointer, "
                  "std::string_view, std::span or a type that opted out); pass an owning value, "
                  "or capture what the thread borrows in the callable, where it shows");
    static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                  "safelab::own::Scope::spawn: f cannot be called with these arguments");
    using R = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;
    static_assert(!std::is_reference_v<R>,
                  "safelab::own::Scope::spawn: f returns a reference, which join() would hand "
                  "out after the thread is gone; return a value");
    auto slot = std::make_shared<internal::ResultSlot<R>>();
    start(std::make_unique<Task<R, std::decay_t<F>, std::decay_t<Args>...>>(
        slot, std::forward<F>(f), std::forward<Args>(args)...));
    return ScopedJoinHandle<R>(std::move(slot));
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
    explicit TaskBase(std::shared_ptr<internal::JoinState> s) : state(std::move(s)) {}
    virtual ~TaskBase() = default;
    virtual void run() = 0;
    std::shared_ptr<internal::JoinState> state;
  };
  template <class R, class F, class... Args>
  struct Task final : TaskBase {
    template <class G, class... As>
    explicit Task(std::shared_ptr<internal::ResultSlot<R>> s, G&& g, As&&... as)
        : TaskBase(s), slot(std::move(s)), fn(std::forward<G>(g)), args(std::forward<As>(as)...) {}
    void run() override {
      if constexpr (std::is_void_v<R>) {
        std::apply(std::move(fn), std::move(args));
      } else {
        slot->value.emplace(std::apply(std::move(fn), std::move(args)));
      }
    }
    std::shared_ptr<internal::ResultSlot<R>> slot;
    F fn;
    std::tuple<Args...> args;
  };

  Scope() = default;
  ~Scope() = default;

  // Starts a thread running `task`, catching what escapes it.
  void start(std::unique_ptr<TaskBase> task) ABSL_LOCKS_EXCLUDED(mu_);
  // Reports a thread's exception on stderr and remembers it for scope().
  void record_failure(std::shared_ptr<internal::JoinState> state, const std::exception_ptr& error)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Joins every thread, including ones spawned while joining.
  void join_all() ABSL_LOCKS_EXCLUDED(mu_);
  // The first exception of a spawned thread that no join() took, or null.
  std::exception_ptr first_unjoined_failure() const ABSL_LOCKS_EXCLUDED(mu_);

  mutable AnnotatedMutex mu_;
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
  // Threads that exited by exception, in the order they were caught.
  std::vector<std::shared_ptr<internal::JoinState>> failed_ ABSL_GUARDED_BY(mu_);
};

// scope()
//
// Runs `fn(scope)`, joins all threads spawned into the scope, then returns
// fn's result. Errors: rethrows fn's exception if it threw, else the first
// exception that escaped a spawned thread and was not taken by its handle's
// join() (after every join, always). Every such exception was already
// printed to stderr by the thread that caught it.
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
    if (std::exception_ptr e = s.first_unjoined_failure()) std::rethrow_exception(e);
  } else {
    std::optional<R> result;
    {
      JoinOnExit join{s};
      result.emplace(std::invoke(fn, s));
    }
    if (std::exception_ptr e = s.first_unjoined_failure()) std::rethrow_exception(e);
    return std::move(*result);
  }
}

}  // namespace safelab::own

#endif  // SAFELAB_OWN_SCOPE_H_
