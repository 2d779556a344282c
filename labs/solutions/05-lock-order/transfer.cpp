// Lab 05, reference solution: own::lock_all() takes both locks in one
// global order (by address), whatever the argument order, so two opposite
// transfers cannot each hold the lock the other waits for.
#include "transfer.h"

namespace lab05 {

void transfer(Bank& bank, std::size_t from, std::size_t to, std::int64_t amount) {
  if (from == to) return;
  auto [source, target] = safelab::own::lock_all(bank.account(from), bank.account(to));
  *source -= amount;
  *target += amount;
}

}  // namespace lab05
