// Conformance tests of own::scope and ScopedJoinHandle against Rust's
// std::thread::scope, whose docs say: "All threads spawned within the scope
// that haven't been manually joined will be automatically joined before this
// function returns." / "If any of the automatically joined threads panicked,
// this function will panic. If you want to handle panics from spawned
// threads, join them before the end of the scope."
#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include "safelab/own/scope.h"

namespace safelab::own {
namespace {

// The message an exception_ptr carries, for assertions.
std::string what(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "(not a std::exception)";
  }
}

// Tests that join() gives the thread's result. Rust, ScopedJoinHandle::join:
// "Waits for the associated thread to finish. [...] If the child thread
// panics, Err is returned with the parameter given to panic!" -- and Ok with
// the closure's value otherwise.
TEST(OwnScopeConformanceTest, JoinGivesTheThreadsResult) {
  const int r = scope([](Scope& s) {
    auto h = s.spawn([](int a, int b) { return a * b; }, 6, 7);
    auto joined = h.join();
    return joined.has_value() ? *joined : -1;
  });
  EXPECT_EQ(r, 42);
  scope([](Scope& s) {
    auto h = s.spawn([] {});
    EXPECT_TRUE(h.join().has_value());
  });
}

// Tests that join() hands a thread's exception to the joiner as an error,
// and that scope() then does not rethrow it. Rust: "If you want to handle
// panics from spawned threads, join them before the end of the scope."
TEST(OwnScopeConformanceTest, JoinedExceptionIsTheJoinersToHandle) {
  std::string seen;
  EXPECT_NO_THROW(scope([&](Scope& s) {
    auto h = s.spawn([]() -> int { throw std::runtime_error("handled by join"); });
    auto r = h.join();
    ASSERT_FALSE(r.has_value());
    seen = what(r.error());
  }));
  EXPECT_EQ(seen, "handled by join");
}

// Tests that an exception no join() took makes scope() throw, even when
// another thread's exception was joined. Rust: "If any of the automatically
// joined threads panicked, this function will panic."
TEST(OwnScopeConformanceTest, UnjoinedExceptionMakesScopeThrow) {
  try {
    scope([](Scope& s) {
      s.spawn([] { throw std::runtime_error("not joined"); });
      auto joined = s.spawn([] { throw std::logic_error("joined"); });
      EXPECT_FALSE(joined.join().has_value());
    });
    FAIL() << "scope() must rethrow the unjoined thread's exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "not joined");
  }
}

// Tests that every failing thread is reported, not only the first: Rust's
// panic hook prints each panic ("thread '<unnamed>' panicked at ...") before
// scope panics; here each thread prints its exception's what() to stderr.
TEST(OwnScopeConformanceTest, EveryThreadsExceptionIsReported) {
  testing::internal::CaptureStderr();
  EXPECT_THROW(scope([](Scope& s) {
                 s.spawn([] { throw std::runtime_error("first failure"); });
                 s.spawn([] { throw std::runtime_error("second failure"); });
               }),
               std::runtime_error);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("first failure"), std::string::npos) << err;
  EXPECT_NE(err.find("second failure"), std::string::npos) << err;
}

// Tests is_finished(). Rust: "Checks if the associated thread has finished
// running its main function."
TEST(OwnScopeConformanceTest, IsFinishedAfterTheThreadEnds) {
  scope([](Scope& s) {
    std::atomic<bool> go{false};
    auto h = s.spawn([&] {
      while (!go.load()) std::this_thread::yield();
    });
    EXPECT_FALSE(h.is_finished());
    go = true;
    while (!h.is_finished()) std::this_thread::yield();
    EXPECT_TRUE(h.join().has_value());
    EXPECT_FALSE(h.is_finished());  // joined: the handle is empty
  });
}

// Tests that handles joined from another spawned thread count as joined.
TEST(OwnScopeConformanceTest, HandleJoinedInAnotherThread) {
  EXPECT_NO_THROW(scope([](Scope& s) {
    auto failing = s.spawn([] { throw std::runtime_error("joined elsewhere"); });
    s.spawn([h = std::move(failing)]() mutable { EXPECT_FALSE(h.join().has_value()); });
  }));
}

}  // namespace
}  // namespace safelab::own
