// Topic `bank_transfer`, four ways. Every variant applies the same
// transfers; balances end the same whatever the interleaving, because each
// transfer is a pair of additions. What differs is how two accounts are
// held at once.
//
//   python         the GIL is the one lock: a transfer's two updates run
//                  between eval-breaker checks, so no other thread sees the
//                  money in flight. No deadlock possible, no parallelism.
//   free-threaded  PEP 703: a two-object critical section, locked in
//                  address order (Py_BEGIN_CRITICAL_SECTION2).
//   rust           Mutex<i64> per account; own::lock_all(a, b) takes both
//                  in a global order, so opposite transfers cannot deadlock.
//   unsafe         a std::mutex per account, locked `from` then `to`: a
//                  transfer a->b and one b->a can each hold one lock and wait
//                  for the other. BROKEN ON PURPOSE. The threads run one
//                  after another, so it never actually deadlocks here, but
//                  ThreadSanitizer's lock-order graph sees the cycle and
//                  reports "lock-order-inversion" in
//                  bank_transfer_unsafe_transfer, on every run.
#include "bank_transfer.h"

#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "safelab/gil/free_threaded.h"
#include "safelab/gil/gil.h"
#include "safelab/own/mutex.h"

namespace safelab::pairs {

BankTransferInput BankTransfer::make_input(const catalog::Params& p) {
  // 16 accounts: ThreadSanitizer reports every inverted pair of locks the
  // unsafe variant takes, and 64 accounts made ~3,900 reports and 20-40 s a
  // TSan run (most of CI's TSan time); 16 make 120 pairs.
  constexpr std::uint32_t kAccounts = 16;
  std::mt19937_64 gen(p.seed);
  BankTransferInput in{p.threads, std::vector<std::int64_t>(kAccounts), {}};
  for (std::int64_t& b : in.opening) b = 1'000 + static_cast<std::int64_t>(gen() % 9'000);
  in.transfers.reserve(static_cast<std::size_t>(p.size));
  for (std::int64_t i = 0; i < p.size; ++i) {
    const auto from = static_cast<std::uint32_t>(gen() % kAccounts);
    const auto to = static_cast<std::uint32_t>((from + 1 + gen() % (kAccounts - 1)) % kAccounts);
    in.transfers.push_back({from, to, static_cast<std::int64_t>(gen() % 500) + 1});
  }
  return in;
}

std::vector<std::int64_t> BankTransfer::reference(const BankTransferInput& in) {
  std::vector<std::int64_t> b = in.opening;
  for (const Transfer& t : in.transfers) {
    b[t.from] -= t.amount;
    b[t.to] += t.amount;
  }
  return b;
}

std::string BankTransfer::show(const std::vector<std::int64_t>& balances) {
  std::int64_t total = 0;
  std::uint64_t digest = 1469598103934665603ULL;  // FNV-1a over the balances
  for (std::int64_t b : balances) {
    total += b;
    digest = (digest ^ static_cast<std::uint64_t>(b)) * 1099511628211ULL;
  }
  return "total=" + std::to_string(total) + " digest=" + std::to_string(digest % 1'000'000'007);
}

std::span<const Transfer> transfers_of(const BankTransferInput& in, int index) {
  const std::size_t n = in.transfers.size();
  const auto t = static_cast<std::size_t>(in.threads);
  const auto i = static_cast<std::size_t>(index);
  return std::span(in.transfers).subspan(n * i / t, n * (i + 1) / t - n * i / t);
}

// python: the GIL is the bank's only lock.
std::vector<std::int64_t> bank_transfer_python(const BankTransferInput& in) {
  gil::Gil gil;
  std::vector<std::int64_t> balances = in.opening;  // Python ints: GIL-protected
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, mine = transfers_of(in, t)] {
        gil::ThreadState ts(gil);
        for (const Transfer& x : mine) {
          balances[x.from] -= x.amount;  // both updates inside one stretch
          balances[x.to] += x.amount;    // between eval-breaker checks
          ts.tick();
        }
      });
    }
  }
  return balances;
}

// free-threaded: a critical section on both account objects.
std::vector<std::int64_t> bank_transfer_free_threaded(const BankTransferInput& in) {
  gil::FreeThreaded runtime;
  std::vector<std::unique_ptr<gil::Object<std::int64_t>>> accounts;
  for (std::int64_t b : in.opening) {
    accounts.push_back(std::make_unique<gil::Object<std::int64_t>>(runtime, b));
  }
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, mine = transfers_of(in, t)] {
        for (const Transfer& x : mine) {
          gil::with2(*accounts[x.from], *accounts[x.to], [&](std::int64_t& from, std::int64_t& to) {
            from -= x.amount;
            to += x.amount;
          });
        }
      });
    }
  }
  std::vector<std::int64_t> closing;
  for (auto& a : accounts) closing.push_back(a->with([](std::int64_t& v) { return v; }));
  return closing;
}

// rust: the balance lives inside its Mutex; lock_all orders the pair.
std::vector<std::int64_t> bank_transfer_rust(const BankTransferInput& in) {
  std::vector<own::Mutex<std::int64_t>> accounts(in.opening.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) *accounts[i].lock() = in.opening[i];
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, mine = transfers_of(in, t)] {
        for (const Transfer& x : mine) {
          auto [from, to] = own::lock_all(accounts[x.from], accounts[x.to]);
          *from -= x.amount;
          *to += x.amount;
        }
      });
    }
  }
  std::vector<std::int64_t> closing;
  for (auto& a : accounts) closing.push_back(*a.lock());
  return closing;
}

namespace {

struct UnsafeAccount {
  std::mutex mu;
  std::int64_t balance = 0;
};

// BROKEN ON PURPOSE: locks `from` first, then `to`. Two transfers in
// opposite directions take the same two locks in opposite orders.
[[gnu::noinline]] void bank_transfer_unsafe_transfer(UnsafeAccount& from, UnsafeAccount& to,
                                                     std::int64_t amount) {
  std::lock_guard hold_from(from.mu);
  std::lock_guard hold_to(to.mu);  // <-- the inversion: no global order
  from.balance -= amount;
  to.balance += amount;
}

}  // namespace

// unsafe: unordered two-lock transfers. The threads run one after another
// (each joined before the next starts), so the potential deadlock never
// happens here; it is ThreadSanitizer's lock graph that must catch it.
std::vector<std::int64_t> bank_transfer_unsafe(const BankTransferInput& in) {
  std::vector<UnsafeAccount> accounts(in.opening.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) accounts[i].balance = in.opening[i];
  for (int t = 0; t < in.threads; ++t) {
    std::jthread worker([&, mine = transfers_of(in, t)] {
      for (const Transfer& x : mine) {
        bank_transfer_unsafe_transfer(accounts[x.from], accounts[x.to], x.amount);
      }
    });
  }  // each worker joins here, before the next one starts
  std::vector<std::int64_t> closing;
  for (UnsafeAccount& a : accounts) closing.push_back(a.balance);
  return closing;
}

using namespace catalog;
SAFELAB_VARIANT(BankTransfer, "python", Style::python, clean(),
                "the GIL is the bank's only lock: safe, serial", bank_transfer_python);
SAFELAB_VARIANT(BankTransfer, "free-threaded", Style::free_threaded, clean(),
                "per-account critical sections, both locked in address order",
                bank_transfer_free_threaded);
SAFELAB_VARIANT(BankTransfer, "rust", Style::rust, clean(),
                "Mutex<i64> per account, own::lock_all orders the pair", bank_transfer_rust);
SAFELAB_VARIANT(BankTransfer, "unsafe", Style::unsafe,
                reported(Tool::tsan, "lock-order-inversion", "bank_transfer_unsafe_transfer"),
                "locks `from` then `to`: opposite transfers invert the order",
                bank_transfer_unsafe);

}  // namespace safelab::pairs
