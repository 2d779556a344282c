// safelab's side of tests/conformance/rust/channel_cases.rs: the same
// rendezvous-channel cases, printed in the same words, compared line by line
// by tests/conformance/compare_with_rust.cmake when rustc is present. Written from
// the Rust program, not from the channel's code.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>
#include <thread>
#include <utility>

#include "safelab/own/channel.h"

namespace {

using namespace std::chrono_literals;
using safelab::own::bounded_channel;
using safelab::own::RecvTimeoutError;
using safelab::own::TryRecvError;

constexpr auto kDelay = 50ms;

std::string show(const safelab::err::Result<std::uint64_t, safelab::own::RecvError>& r) {
  return r ? "Ok(" + std::to_string(*r) + ")" : "Err(RecvError)";
}

}  // namespace

int main() {
  {
    auto [tx, rx] = bounded_channel<std::uint64_t>(0);
    auto ts = tx.try_send(1);
    std::cout << "try_send, no receiver waiting: "
              << (ts                     ? "Ok"
                  : ts.error().is_full() ? "Full"
                                         : "Disconnected")
              << "\n";
    auto tr = rx.try_recv();
    std::cout << "try_recv, no sender waiting: "
              << (tr                                   ? "Ok(" + std::to_string(*tr) + ")"
                  : tr.error() == TryRecvError::kEmpty ? std::string("Empty")
                                                       : std::string("Disconnected"))
              << "\n";
    auto rt = rx.recv_for(10ms);
    std::cout << "recv_timeout, no sender waiting: "
              << (rt                                         ? "Ok(" + std::to_string(*rt) + ")"
                  : rt.error() == RecvTimeoutError::kTimeout ? std::string("Timeout")
                                                             : std::string("Disconnected"))
              << "\n";

    std::atomic<bool> receiving{false};
    std::uint64_t got = 0;
    {
      std::jthread receiver([&, &rx = rx] {
        std::this_thread::sleep_for(kDelay);
        receiving = true;
        got = *rx.recv();
      });
      static_cast<void>(tx.send(2));
      const bool seen = receiving;
      receiver.join();
      std::cout << "send returned after the receiver called recv: " << (seen ? "true" : "false")
                << ", it got " << got << "\n";
    }
    {
      std::jthread receiver([&, &rx = rx] { got = *rx.recv(); });
      while (!tx.try_send(3)) std::this_thread::yield();
      receiver.join();
      std::cout << "try_send with a receiver waiting: Ok, it got " << got << "\n";
    }
    {
      bool send_ok = false;
      std::jthread sender([&, tx2 = tx]() mutable { send_ok = tx2.send(4).has_value(); });
      auto r = rx.try_recv();
      while (!r && r.error() == TryRecvError::kEmpty) {
        std::this_thread::yield();
        r = rx.try_recv();
      }
      sender.join();
      std::cout << "try_recv with a sender waiting: Ok(" << *r
                << "), send ok: " << (send_ok ? "true" : "false") << "\n";
    }
    {
      std::jthread sender([tx2 = tx]() mutable {
        for (std::uint64_t i = 0; i < 1000; ++i) static_cast<void>(tx2.send(std::uint64_t{i}));
      });
      bool in_order = true;
      for (std::uint64_t i = 0; i < 1000; ++i) in_order = in_order && *rx.recv() == i;
      sender.join();
      std::cout << "1000 messages in the order sent: " << (in_order ? "true" : "false") << "\n";
    }
    {
      std::string outcome;
      std::jthread sender([&, tx2 = tx]() mutable {
        auto r = tx2.send(7);
        outcome = r ? "Ok" : "Err(SendError(" + std::to_string(r.error().get_ref()) + "))";
      });
      std::this_thread::sleep_for(kDelay);
      { auto gone = std::move(rx); }
      sender.join();
      std::cout << "blocked send when the receiver is dropped: " << outcome << "\n";
    }
    auto s = tx.send(5);
    std::cout << "send after the receiver is dropped: "
              << (s ? "Ok" : "Err(SendError(" + std::to_string(s.error().get_ref()) + "))") << "\n";
    auto t = tx.try_send(6);
    std::cout << "try_send after the receiver is dropped: "
              << (t ? std::string("Ok")
                  : t.error().is_full()
                      ? "Full(" + std::to_string(t.error().get_ref()) + ")"
                      : "Disconnected(" + std::to_string(t.error().get_ref()) + ")")
              << "\n";
  }
  {
    auto [tx, rx] = bounded_channel<std::uint64_t>(0);
    std::string outcome;
    std::jthread receiver([&, &rx = rx] { outcome = show(rx.recv()); });
    std::this_thread::sleep_for(kDelay);
    { auto gone = std::move(tx); }
    receiver.join();
    std::cout << "blocked recv when the sender is dropped: " << outcome << "\n";
    std::cout << "recv after the sender is dropped: " << show(rx.recv()) << "\n";
    auto tr = rx.try_recv();
    std::cout << "try_recv after the sender is dropped: "
              << (tr                                   ? "Ok(" + std::to_string(*tr) + ")"
                  : tr.error() == TryRecvError::kEmpty ? std::string("Empty")
                                                       : std::string("Disconnected"))
              << "\n";
  }
}
