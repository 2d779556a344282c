// expect: clean
// GOOD: two threads take the same two mutexes in opposite orders, each
// through std::scoped_lock(a, b), whose deadlock-avoidance algorithm
// (lock one, try the other, back off) can never deadlock. Helgrind sees the
// two acquisition orders and reports "lock order violated": `safelab check`
// must mark that report advisory. Its bad twin is lock_order_inverted.cpp.
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex accounts_lock;
std::mutex audit_lock;
int balance = 100;
int audited = 0;

[[gnu::noinline]] void transfer() {
  for (int i = 0; i < 100; ++i) {
    std::scoped_lock both(accounts_lock, audit_lock);
    balance -= 1;
    audited += 1;
  }
}

[[gnu::noinline]] void audit() {
  for (int i = 0; i < 100; ++i) {
    std::scoped_lock both(audit_lock, accounts_lock);  // the other order: fine here
    audited += balance > 0 ? 0 : 1;
  }
}

int main() {
  std::thread a(transfer);
  std::thread b(audit);
  a.join();
  b.join();
  std::printf("%d %d\n", balance, audited);
  return balance == 0 ? 0 : 1;
}
