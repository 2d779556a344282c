// expect: lock-order-inversion (tsan) in audit
// BAD: scoped_lock_orders.cpp with each mutex taken by its own
// std::lock_guard, in opposite orders in the two threads: a potential
// deadlock (the threads are joined one after the other so the run itself
// does not hang, the checkers see the two orders).
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex accounts_lock;
std::mutex audit_lock;
int balance = 100;
int audited = 0;

[[gnu::noinline]] void transfer() {
  std::lock_guard first(accounts_lock);
  std::lock_guard second(audit_lock);
  balance -= 1;
  audited += 1;
}

[[gnu::noinline]] void audit() {
  std::lock_guard first(audit_lock);  // <-- the inverted order
  std::lock_guard second(accounts_lock);
  audited += balance > 0 ? 0 : 1;
}

int main() {
  std::thread a(transfer);
  a.join();
  std::thread b(audit);
  b.join();
  std::printf("%d %d\n", balance, audited);
  return 0;
}
