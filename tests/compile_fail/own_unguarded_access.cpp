// Must not compile (Clang, -Wthread-safety -Werror): reading a field marked
// ABSL_GUARDED_BY(mu_) without holding mu_. The fix is in deposit(): hold a
// LockGuard first.
#include "safelab/own/annotated_mutex.h"

namespace {

class Account {
 public:
  void deposit(int amount) {
    safelab::own::LockGuard hold(mu_);
    balance_ += amount;
  }
  int peek() const { return balance_; }  // <-- no lock held

 private:
  mutable safelab::own::AnnotatedMutex mu_;
  int balance_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace

int use_account() {
  Account a;
  a.deposit(1);
  return a.peek();
}
