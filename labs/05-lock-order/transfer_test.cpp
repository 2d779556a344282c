// Lab 05's checks: transfers move money and conserve the total, and the
// tsan build reports no lock-order inversion. The opposite-direction
// transfers run one after the other: ThreadSanitizer's deadlock detector
// sees the inverted order without the test ever having to deadlock (a test
// that can hang is a broken test).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "transfer.h"

namespace lab05 {
namespace {

std::int64_t total(Bank& bank) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < bank.size(); ++i) sum += *bank.account(i).lock();
  return sum;
}

// Tests that money moves both ways between two accounts.
TEST(TransferTest, BothDirections) {
  Bank bank(2, 100);
  transfer(bank, 0, 1, 30);
  EXPECT_EQ(*bank.account(0).lock(), 70);
  EXPECT_EQ(*bank.account(1).lock(), 130);
  transfer(bank, 1, 0, 50);
  EXPECT_EQ(*bank.account(0).lock(), 120);
  EXPECT_EQ(*bank.account(1).lock(), 80);
}

// Tests that a transfer to the same account changes nothing.
TEST(TransferTest, SelfTransferIsANoOp) {
  Bank bank(1, 100);
  transfer(bank, 0, 0, 30);
  EXPECT_EQ(*bank.account(0).lock(), 100);
}

// Tests that threads transferring between disjoint pairs conserve money.
TEST(TransferTest, ConcurrentDisjointTransfersConserveMoney) {
  Bank bank(4, 1000);
  {
    std::vector<std::jthread> threads;
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) transfer(bank, 0, 1, 1);
    });
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) transfer(bank, 2, 3, 1);
    });
  }
  EXPECT_EQ(*bank.account(1).lock(), 2000);
  EXPECT_EQ(total(bank), 4000);
}

}  // namespace
}  // namespace lab05
