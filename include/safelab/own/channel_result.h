// include/safelab/own/channel_result.h
//
// The errors of a Channel's send and receive operations. Every operation
// returns an err::Result with one of them, as Rust's std::sync::mpsc does:
//
//   send()      err::Result<void, SendError<T>>     every receiver is gone;
//                                                   the message comes back
//   try_send()  err::Result<void, TrySendError<T>>  full or disconnected;
//                                                   the message comes back
//   recv()      err::Result<T, RecvError>           every sender is gone and
//                                                   the queue is drained
//   try_recv()  err::Result<T, TryRecvError>        empty or disconnected
//   recv_for()  err::Result<T, RecvTimeoutError>    timeout or disconnected
//
// Differences from Rust:
//
//   * SendError<T> / TrySendError<T> are classes with into_inner() and
//     get_ref(), not a tuple struct / enum with a public field: C++ has no
//     pattern matching to take the value out.
//   * TryRecvError / RecvTimeoutError are enums with the Abseil-style names
//     kEmpty, kTimeout, kDisconnected.
//   * The Results are [[nodiscard]], and in checked mode (err/result.h) an
//     error nobody looked at aborts: a send whose failure is ignored would
//     lose the message.
//
// Cost: a successful send returns a flag; a SendError<T> holds the message
// only on the failure path. For small trivially copyable T the Result sits
// in two registers (err/internal/storage.h).
#ifndef SAFELAB_OWN_CHANNEL_RESULT_H_
#define SAFELAB_OWN_CHANNEL_RESULT_H_

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace safelab::own {

// SendError<T>
//
// send() found every receiver gone. Holds the message that was not sent
// (Rust's `SendError<T>(pub T)`).
//
//   if (auto r = tx.send(std::move(job)); !r) {
//     Job back = std::move(r).error().into_inner();   // nobody is listening
//   }
template <class T>
class SendError {
 public:
  // Default-constructible when T is, so that for small trivially copyable T
  // the Result gets err's flat two-register layout.
  SendError() requires std::is_default_constructible_v<T>
  = default;
  explicit SendError(T&& value) : value_(std::move(value)) {}

  // SendError<T>::into_inner() / get_ref()
  //
  // The message that could not be sent.
  T into_inner() && { return std::move(value_); }
  const T& get_ref() const noexcept { return value_; }

  std::string to_string() const { return "sending on a closed channel"; }

 private:
  T value_{};
};

// TrySendError<T>
//
// try_send() could not queue the message: the bounded channel is full, or
// every receiver is gone. Holds the message (Rust's
// `TrySendError::{Full(T), Disconnected(T)}`).
template <class T>
class TrySendError {
 public:
  enum class Kind { kFull, kDisconnected };

  TrySendError() requires std::is_default_constructible_v<T>
  = default;
  TrySendError(Kind kind, T&& value) : value_(std::move(value)), kind_(kind) {}

  Kind kind() const noexcept { return kind_; }
  bool is_full() const noexcept { return kind_ == Kind::kFull; }
  bool is_disconnected() const noexcept { return kind_ == Kind::kDisconnected; }

  // TrySendError<T>::into_inner() / get_ref()
  //
  // The message that could not be sent.
  T into_inner() && { return std::move(value_); }
  const T& get_ref() const noexcept { return value_; }

  std::string to_string() const {
    return is_full() ? "sending on a full channel" : "sending on a closed channel";
  }

 private:
  T value_{};
  Kind kind_ = Kind::kFull;
};

// RecvError
//
// recv() found every sender gone and nothing left to receive (Rust's unit
// struct RecvError).
struct RecvError {
  friend constexpr bool operator==(RecvError, RecvError) noexcept { return true; }
  std::string to_string() const { return "receiving on a closed channel"; }
};

// TryRecvError
//
// try_recv() found nothing: kEmpty while senders are alive, kDisconnected
// once they are gone and the queue is drained.
enum class TryRecvError { kEmpty, kDisconnected };

// RecvTimeoutError
//
// recv_for() found nothing: kTimeout while senders are alive, kDisconnected
// once they are gone and the queue is drained.
enum class RecvTimeoutError { kTimeout, kDisconnected };

// to_string(): Rust's Display texts, for err::Result's panic messages.
constexpr std::string_view to_string(TryRecvError e) noexcept {
  return e == TryRecvError::kEmpty ? "receiving on an empty channel"
                                   : "receiving on an empty and disconnected channel";
}
constexpr std::string_view to_string(RecvTimeoutError e) noexcept {
  return e == RecvTimeoutError::kTimeout ? "timed out waiting on channel"
                                         : "channel is empty and sending half is closed";
}

}  // namespace safelab::own

#endif  // SAFELAB_OWN_CHANNEL_RESULT_H_
