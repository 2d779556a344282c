// labs/05-lock-order/transfer.h (do not edit: shared by the tests and the
// solution)
#ifndef SAFELAB_LABS_05_TRANSFER_H_
#define SAFELAB_LABS_05_TRANSFER_H_

#include <cstddef>
#include <cstdint>
#include <deque>

#include "safelab/own/mutex.h"

namespace lab05 {

// Bank: accounts, each balance owned by its own lock (fine-grained: two
// transfers between different accounts never wait for each other).
class Bank {
 public:
  Bank(std::size_t accounts, std::int64_t initial) {
    for (std::size_t i = 0; i < accounts; ++i) balances_.emplace_back(initial);
  }
  // REQUIRES: i < size().
  safelab::own::Mutex<std::int64_t>& account(std::size_t i) { return balances_.at(i); }
  std::size_t size() const { return balances_.size(); }

 private:
  std::deque<safelab::own::Mutex<std::int64_t>> balances_;  // a deque never moves them
};

// transfer()
//
// Moves `amount` from account `from` to account `to`, atomically: no thread
// ever sees the money in both accounts or in neither. Safe to call from many
// threads at once, in any direction. A transfer to the same account changes
// nothing. REQUIRES: from, to < bank.size().
void transfer(Bank& bank, std::size_t from, std::size_t to, std::int64_t amount);

}  // namespace lab05

#endif  // SAFELAB_LABS_05_TRANSFER_H_
