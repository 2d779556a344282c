// include/safelab/own/channel.h
//
// Channels: typed FIFO queues whose ends are owned handles, after Rust's
// std::sync::mpsc and crossbeam-channel.
//
//   channel<T>()                 unbounded, many senders, one receiver
//   bounded_channel<T>(n)        at most n messages in flight: send() blocks
//                                when full (back-pressure); n = 0 is a
//                                rendezvous channel (below)
//   mpmc_channel<T>()            unbounded, many senders, many receivers
//   bounded_mpmc_channel<T>(n)   bounded, many senders, many receivers
//
//   Sender<T>           copyable: each copy is one more producer
//   Receiver<T>         move-only: exactly one consumer
//   SharedReceiver<T>   copyable: each copy competes for messages; every
//                       message goes to exactly one of them
//
// Ownership moves with the message. send() takes `T&&`, so handing an
// lvalue over needs a visible std::move, except for a trivially copyable T
// (Rust's Copy types: integers, floats, plain structs of them), whose
// lvalues are sent by copy as Rust's `tx.send(i)` copies an `i: u64`. A
// std::string lvalue is not copied silently: Rust moves a String there, and
// so must the caller here. T must be Sendable (sendable.h), so
// a channel of std::string_view or raw pointers does not compile.
//
// Disconnection is driven by the handles' lifetimes, as in Rust:
//   - once every Sender is destroyed, receivers drain what is queued and
//     then recv() returns a RecvError (try_recv/recv_for: kDisconnected);
//   - once every receiver is destroyed, send() returns a SendError that
//     hands the message back; messages still queued are destroyed.
// A rendezvous channel (capacity 0, Rust's sync_channel(0)) has no buffer:
// send() returns once a receiver has taken the message, try_send() succeeds
// only if a receiver is already waiting in recv(), and try_recv() only if a
// sender is already waiting in send().
// Every send and receive returns an err::Result whose error type is Rust's
// (SendError<T>, TrySendError<T>, RecvError, TryRecvError,
// RecvTimeoutError: see channel_result.h).
// No message is lost or duplicated while both sides are alive; each
// producer's messages arrive in the order it sent them.
//
// Use after move: after `tx.send(std::move(msg))`, msg is moved-from and C++
// still lets it be read (Rust refuses: E0382 "borrow of moved value").
// clang-tidy's bugprone-use-after-move, on in the project's .clang-tidy,
// reports it; the catalog topic `moved_then_used` shows the bug.
//
// Example:
//
//   auto chan = own::channel<std::string>();
//   auto& [tx, rx] = chan;   // (Clang < 16 cannot capture structured bindings
//                            //  in a lambda: there use chan.first/.second)
//   own::scope([&](own::Scope& s) {
//     for (int i = 0; i < 4; ++i) {
//       s.spawn([](own::Sender<std::string> out, int id) {
//         out.send("hello from " + std::to_string(id))
//             .expect("rx outlives the scope");         // panics if not
//       }, tx, i);                                     // a Sender per thread
//     }
//     tx = {};                                         // drop ours, or the loop
//     for (std::string& msg : rx) std::puts(msg.c_str());   // never ends
//   });
#ifndef SAFELAB_OWN_CHANNEL_H_
#define SAFELAB_OWN_CHANNEL_H_

#include <chrono>
#include <cstddef>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "safelab/err/result.h"
#include "safelab/own/channel_result.h"
#include "safelab/own/internal/channel_state.h"
#include "safelab/own/sendable.h"

namespace safelab::own {

template <Sendable T>
class Sender;
template <Sendable T, bool kShared>
class BasicReceiver;

namespace internal {
[[noreturn, gnu::cold]] void throw_empty_channel_handle(const char* handle);
}  // namespace internal

// Sender<T>
//
// The sending end. Copy it to add a producer; destroy every copy to
// disconnect. A default-constructed or moved-from Sender is empty: sending
// through it throws std::logic_error. Thread-safe: one Sender may even be
// shared by several threads, though a copy per thread is the idiom.
template <Sendable T>
class Sender {
 public:
  Sender() = default;
  Sender(const Sender& other) noexcept : state_(other.state_) {
    if (state_ != nullptr) state_->add_sender();
  }
  Sender(Sender&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  // Two assignment operators rather than one by-value operator=: Clang 14
  // never destroys the temporary of `tx = {}` when the parameter is by value
  // inside a template (measured: the old Sender then leaks and the channel
  // never disconnects). With reference parameters the old state is released
  // here, by `old`.
  Sender& operator=(const Sender& other) noexcept {
    Sender old(other);
    std::swap(state_, old.state_);
    return *this;
  }
  Sender& operator=(Sender&& other) noexcept {
    Sender old(std::move(other));
    std::swap(state_, old.state_);
    return *this;
  }
  ~Sender() {
    if (state_ != nullptr) internal::ChannelState<T>::drop_sender(state_);
  }

  // Sender<T>::send()
  //
  // Queues `value`, blocking while a bounded channel is full.
  // Errors: SendError<T> if every receiver is gone (now, or while blocked);
  // its into_inner() hands `value` back.
  err::Result<void, SendError<T>> send(T&& value) {
    if (state()->send(value, internal::Wait::forever) == internal::PushStatus::ok) [[likely]] {
      return err::Ok();
    }
    return err::Err(SendError<T>(std::move(value)));
  }

  // Sender<T>::try_send()
  //
  // As send(), but never blocks.
  // Errors: TrySendError<T>, kFull if a bounded channel is full, or
  // kDisconnected; either way with the value back.
  err::Result<void, TrySendError<T>> try_send(T&& value) {
    const internal::PushStatus status = state()->send(value, internal::Wait::never);
    if (status == internal::PushStatus::ok) [[likely]]
      return err::Ok();
    using Kind = typename TrySendError<T>::Kind;
    return err::Err(
        TrySendError<T>(status == internal::PushStatus::full ? Kind::kFull : Kind::kDisconnected,
                        std::move(value)));
  }

  // Sender<T>::send(const T&) / try_send(const T&)
  //
  // For a trivially copyable T only (Rust's Copy): sends a copy of `value`,
  // which stays the caller's. Errors as above, with the copy handed back.
  err::Result<void, SendError<T>> send(const T& value) requires std::is_trivially_copyable_v<T> {
    T copy(value);
    return send(std::move(copy));
  }
  err::Result<void, TrySendError<T>> try_send(
      const T& value) requires std::is_trivially_copyable_v<T> {
    T copy(value);
    return try_send(std::move(copy));
  }

  // Sender<T>::capacity()
  //
  // The bound of a bounded channel; std::nullopt if unbounded.
  std::optional<std::size_t> capacity() const {
    const std::size_t c = state()->capacity();
    if (c == internal::ChannelState<T>::kUnbounded) return std::nullopt;
    return c;
  }

  explicit operator bool() const noexcept { return state_ != nullptr; }

 private:
  template <Sendable U, bool kShared>
  friend std::pair<Sender<U>, BasicReceiver<U, kShared>> make_channel(std::size_t);

  explicit Sender(internal::ChannelState<T>* state) noexcept : state_(state) {
    state_->add_sender();
  }

  internal::ChannelState<T>* state() const {
    if (state_ == nullptr) [[unlikely]]
      internal::throw_empty_channel_handle("Sender");
    return state_;
  }

  internal::ChannelState<T>* state_ = nullptr;
};

// Receiver<T> / SharedReceiver<T>
//
// The receiving end. A Receiver is move-only (one consumer); a
// SharedReceiver is copyable (each copy one more consumer). An empty
// (moved-from) handle throws std::logic_error when used.
//
// Iterating receives until disconnection:
//
//   for (Job& job : rx) run(job);   // ends when every Sender is gone
//
// REQUIRES: a Receiver is used by one thread at a time (it is the single
// consumer); a SharedReceiver may be used concurrently.
template <Sendable T, bool kShared>
class BasicReceiver {
 public:
  BasicReceiver() = default;
  BasicReceiver(const BasicReceiver& other) noexcept requires kShared : state_(other.state_) {
    if (state_ != nullptr) state_->add_receiver();
  }
  BasicReceiver(BasicReceiver&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  BasicReceiver& operator=(BasicReceiver&& other) noexcept {
    BasicReceiver(std::move(other)).swap(*this);
    return *this;
  }
  BasicReceiver& operator=(const BasicReceiver& other) noexcept requires kShared {
    BasicReceiver(other).swap(*this);
    return *this;
  }
  ~BasicReceiver() {
    if (state_ != nullptr) internal::ChannelState<T>::drop_receiver(state_);
  }

  // Receiver<T>::recv()
  //
  // Blocks until a message arrives and returns it.
  // Errors: RecvError once every Sender is gone and nothing is left to
  // receive.
  err::Result<T, RecvError> recv() {
    std::optional<T> out;
    if (state()->receive(out, internal::Wait::forever) == internal::RecvStatus::ok) [[likely]] {
      return err::Result<T, RecvError>(std::in_place, std::move(*out));
    }
    return err::Err(RecvError{});
  }

  // Receiver<T>::try_recv()
  //
  // A message if one is queued. Never blocks.
  // Errors: TryRecvError::kEmpty if none is, kDisconnected once the senders
  // are gone and the queue is drained.
  err::Result<T, TryRecvError> try_recv() {
    std::optional<T> out;
    switch (state()->receive(out, internal::Wait::never)) {
      case internal::RecvStatus::ok:
        return err::Result<T, TryRecvError>(std::in_place, std::move(*out));
      case internal::RecvStatus::disconnected: return err::Err(TryRecvError::kDisconnected);
      default: return err::Err(TryRecvError::kEmpty);
    }
  }

  // Receiver<T>::recv_for()
  //
  // As recv(), giving up after `timeout`, measured on the steady clock (as
  // Rust's Instant). A timeout too long for that clock (seconds::max()) is an
  // untimed recv(), as Rust's `recv_timeout(Duration::MAX)`: it falls back to
  // an untimed wait when the deadline does not fit (internal/deadline.h).
  // Errors: RecvTimeoutError::kTimeout, or kDisconnected once the senders
  // are gone and the queue is drained.
  template <class Rep, class Period>
  err::Result<T, RecvTimeoutError> recv_for(const std::chrono::duration<Rep, Period>& timeout) {
    std::optional<T> out;
    const auto deadline = internal::deadline_after(timeout);
    switch (deadline ? state()->receive(out, internal::Wait::until, *deadline)
                     : state()->receive(out, internal::Wait::forever)) {
      case internal::RecvStatus::ok:
        return err::Result<T, RecvTimeoutError>(std::in_place, std::move(*out));
      case internal::RecvStatus::disconnected: return err::Err(RecvTimeoutError::kDisconnected);
      default: return err::Err(RecvTimeoutError::kTimeout);
    }
  }

  // Receiver<T>::begin() / end()
  //
  // An input range of the messages still to come; each step is a recv().
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    iterator() = default;
    T& operator*() const { return *current_; }
    T* operator->() const { return &*current_; }
    iterator& operator++() {
      rx_->receive_into(current_);
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) {
      return !it.current_.has_value();
    }

   private:
    friend class BasicReceiver;
    explicit iterator(BasicReceiver* rx) : rx_(rx) { rx_->receive_into(current_); }
    BasicReceiver* rx_ = nullptr;
    mutable std::optional<T> current_;
  };
  iterator begin() { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  explicit operator bool() const noexcept { return state_ != nullptr; }
  void swap(BasicReceiver& other) noexcept { std::swap(state_, other.state_); }

 private:
  template <Sendable U, bool kS>
  friend std::pair<Sender<U>, BasicReceiver<U, kS>> make_channel(std::size_t);

  explicit BasicReceiver(internal::ChannelState<T>* state) noexcept : state_(state) {
    state_->add_receiver();
  }

  // The iterator's step: a recv() straight into its std::optional (empty
  // once disconnected), with no Result in between.
  void receive_into(std::optional<T>& out) {
    out.reset();
    state()->receive(out, internal::Wait::forever);
  }

  internal::ChannelState<T>* state() const {
    if (state_ == nullptr) [[unlikely]] {
      internal::throw_empty_channel_handle(kShared ? "SharedReceiver" : "Receiver");
    }
    return state_;
  }

  internal::ChannelState<T>* state_ = nullptr;
};

template <Sendable T>
using Receiver = BasicReceiver<T, false>;
template <Sendable T>
using SharedReceiver = BasicReceiver<T, true>;

// The one place handles are made. `capacity` is ChannelState::kUnbounded for
// unbounded channels; a bounded one's has passed bounded_capacity().
template <Sendable T, bool kShared>
std::pair<Sender<T>, BasicReceiver<T, kShared>> make_channel(std::size_t capacity) {
  auto* state = new internal::ChannelState<T>(capacity, kShared);
  // Each handle takes its own reference; no handle exists yet, so nothing
  // can free the state between the two.
  return {Sender<T>(state), BasicReceiver<T, kShared>(state)};
}

namespace internal {
// The capacity of a bounded channel (0: a rendezvous channel), or
// std::invalid_argument if it has more slots than is sane to allocate up
// front (which also keeps kUnbounded out).
template <class T>
std::size_t bounded_capacity(std::size_t capacity, const char* who) {
  if (capacity > ChannelState<T>::kMaxCapacity) {
    throw std::invalid_argument(std::string("safelab::own::") + who + ": capacity " +
                                std::to_string(capacity) + " exceeds the maximum of " +
                                std::to_string(ChannelState<T>::kMaxCapacity) +
                                " (a bounded channel allocates its slots up front)");
  }
  return capacity;
}
}  // namespace internal

// channel<T>()
//
// An unbounded multi-producer, single-consumer channel (Rust's
// mpsc::channel). send() never blocks.
template <class T>
[[nodiscard]] auto channel() {
  static_assert(Sendable<T>,
                "safelab::own: the message type is not Sendable (a reference, raw pointer, "
                "std::string_view, std::span or a type that opted out): the receiver would see "
                "memory the sender still owns. Send an owning type (std::string, std::vector, "
                "std::unique_ptr).");
  return make_channel<T, false>(internal::ChannelState<T>::kUnbounded);
}

// bounded_channel<T>(capacity)
//
// A multi-producer, single-consumer channel holding at most `capacity`
// messages (Rust's mpsc::sync_channel). The slots are allocated up front
// (capacity x sizeof(T), about). Capacity 0 makes a rendezvous channel, as
// sync_channel(0): each send waits until a receiver takes its message.
// Errors: throws std::invalid_argument if capacity is above 2^40.
template <class T>
[[nodiscard]] auto bounded_channel(std::size_t capacity) {
  static_assert(Sendable<T>,
                "safelab::own: the message type is not Sendable (a reference, raw pointer, "
                "std::string_view, std::span or a type that opted out): the receiver would see "
                "memory the sender still owns. Send an owning type (std::string, std::vector, "
                "std::unique_ptr).");
  return make_channel<T, false>(internal::bounded_capacity<T>(capacity, "bounded_channel"));
}

// mpmc_channel<T>() / bounded_mpmc_channel<T>(capacity)
//
// As above with a SharedReceiver: several consumers, each message delivered
// to exactly one (crossbeam-channel's unbounded() / bounded(n); bounded(0)
// is a rendezvous channel there too).
template <class T>
[[nodiscard]] auto mpmc_channel() {
  static_assert(Sendable<T>,
                "safelab::own: the message type is not Sendable (a reference, raw pointer, "
                "std::string_view, std::span or a type that opted out): the receiver would see "
                "memory the sender still owns. Send an owning type (std::string, std::vector, "
                "std::unique_ptr).");
  return make_channel<T, true>(internal::ChannelState<T>::kUnbounded);
}
template <class T>
[[nodiscard]] auto bounded_mpmc_channel(std::size_t capacity) {
  static_assert(Sendable<T>,
                "safelab::own: the message type is not Sendable (a reference, raw pointer, "
                "std::string_view, std::span or a type that opted out): the receiver would see "
                "memory the sender still owns. Send an owning type (std::string, std::vector, "
                "std::unique_ptr).");
  return make_channel<T, true>(internal::bounded_capacity<T>(capacity, "bounded_mpmc_channel"));
}

}  // namespace safelab::own

#endif  // SAFELAB_OWN_CHANNEL_H_
