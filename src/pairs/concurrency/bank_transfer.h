// src/pairs/concurrency/bank_transfer.h
//
// Topic `bank_transfer`: T threads apply their share of `size` transfers
// between accounts of one bank. Money must be conserved and every balance
// must end where the transfers say. The classic place for a deadlock: a
// transfer needs two locks.
#ifndef SAFELAB_PAIRS_CONCURRENCY_BANK_TRANSFER_H_
#define SAFELAB_PAIRS_CONCURRENCY_BANK_TRANSFER_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct Transfer {
  std::uint32_t from;  // from != to
  std::uint32_t to;
  std::int64_t amount;
};

struct BankTransferInput {
  int threads;
  std::vector<std::int64_t> opening;  // opening balance per account
  std::vector<Transfer> transfers;    // thread t applies transfers_of(in, t)
};

std::span<const Transfer> transfers_of(const BankTransferInput& in, int index);

struct BankTransfer {
  static constexpr std::string_view name = "bank_transfer";
  static constexpr std::string_view summary =
      "transfers between locked accounts: a global lock, ordered locks, or a lock-order inversion";
  static constexpr std::string_view lab = "labs/05-lock-order";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 200'000, .seed = 1};

  using Input = BankTransferInput;
  using Output = std::vector<std::int64_t>;  // closing balances

  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);  // the transfers applied in order
  // "total=<sum> digest=<hash of every balance>": conservation at a glance,
  // and any wrong balance changes the digest.
  static std::string show(const Output& balances);
};

std::vector<std::int64_t> bank_transfer_python(const BankTransferInput& in);
std::vector<std::int64_t> bank_transfer_free_threaded(const BankTransferInput& in);
std::vector<std::int64_t> bank_transfer_rust(const BankTransferInput& in);
std::vector<std::int64_t> bank_transfer_unsafe(const BankTransferInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_BANK_TRANSFER_H_
