// include/safelab/own/channel_result.h
//
// What a Channel's send and receive operations return.
//
//   SendStatus / SendResult<T>   ok, or why not (full, disconnected) with the
//                                message handed back (Rust's SendError<T>)
//   RecvStatus / RecvResult<T>   a message, or why not (empty, timeout,
//                                disconnected) (Rust's TryRecvError,
//                                RecvTimeoutError)
//
// Both are [[nodiscard]]: a send whose failure is ignored loses the message.
#ifndef SAFELAB_OWN_CHANNEL_RESULT_H_
#define SAFELAB_OWN_CHANNEL_RESULT_H_

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace safelab::own {

enum class SendStatus {
  ok,            // the message is in the channel
  full,          // try_send on a bounded channel at capacity
  disconnected,  // every receiver is gone: nobody will ever read it
};

enum class RecvStatus {
  ok,            // a message was received
  empty,         // try_recv: nothing queued right now, senders still alive
  timeout,       // recv_for: nothing arrived in time, senders still alive
  disconnected,  // every sender is gone and the queue is drained
};

constexpr std::string_view to_string(SendStatus s) {
  switch (s) {
    case SendStatus::ok: return "ok";
    case SendStatus::full: return "full";
    case SendStatus::disconnected: return "disconnected";
  }
  return "?";
}

constexpr std::string_view to_string(RecvStatus s) {
  switch (s) {
    case RecvStatus::ok: return "ok";
    case RecvStatus::empty: return "empty";
    case RecvStatus::timeout: return "timeout";
    case RecvStatus::disconnected: return "disconnected";
  }
  return "?";
}

// SendResult<T>
//
// ok(), or the status and the message that could not be delivered.
//
//   if (auto r = tx.send(std::move(job)); !r.ok()) {
//     Job back = std::move(r).into_inner();   // nobody is listening
//   }
template <class T>
class [[nodiscard]] SendResult {
 public:
  static SendResult success() { return SendResult(SendStatus::ok, std::nullopt); }
  static SendResult failure(SendStatus status, T&& value) {
    return SendResult(status, std::optional<T>(std::move(value)));
  }

  SendStatus status() const noexcept { return status_; }
  bool ok() const noexcept { return status_ == SendStatus::ok; }
  explicit operator bool() const noexcept { return ok(); }
  bool is_full() const noexcept { return status_ == SendStatus::full; }
  bool is_disconnected() const noexcept { return status_ == SendStatus::disconnected; }

  // SendResult<T>::into_inner()
  //
  // The message that was not sent. Throws std::logic_error if the send
  // succeeded (there is nothing to hand back) or the value was already taken.
  T into_inner() && {
    if (!value_) {
      throw std::logic_error(
          "safelab::own::SendResult::into_inner: no message to hand back (the send succeeded "
          "or the message was already taken)");
    }
    T value = std::move(*value_);
    value_.reset();
    return value;
  }

 private:
  SendResult(SendStatus status, std::optional<T>&& value)
      : status_(status), value_(std::move(value)) {}

  SendStatus status_;
  std::optional<T> value_;
};

// RecvResult<T>
//
// A message, or the reason there is none. Tests true when it holds one:
//
//   while (auto r = rx.recv_for(100ms)) use(*r);
//   // here r.status() says why: timeout or disconnected
template <class T>
class [[nodiscard]] RecvResult {
 public:
  static RecvResult of(T&& value) { return RecvResult(RecvStatus::ok, std::move(value)); }
  static RecvResult none(RecvStatus status) { return RecvResult(status, std::nullopt); }

  RecvStatus status() const noexcept { return status_; }
  bool has_value() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  bool is_empty() const noexcept { return status_ == RecvStatus::empty; }
  bool is_timeout() const noexcept { return status_ == RecvStatus::timeout; }
  bool is_disconnected() const noexcept { return status_ == RecvStatus::disconnected; }

  // RecvResult<T>::value() / operator* / operator->
  //
  // The message. All three throw std::logic_error naming the status when
  // there is none (unlike std::optional, a missing message is never UB).
  T& value() & {
    check();
    return *value_;
  }
  T&& value() && {
    check();
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }

  // The message as a std::optional (empty unless status() == ok).
  std::optional<T> into_optional() && { return std::move(value_); }

 private:
  RecvResult(RecvStatus status, std::optional<T>&& value)
      : status_(status), value_(std::move(value)) {}

  void check() const {
    if (!value_) {
      throw std::logic_error(std::string("safelab::own::RecvResult::value: no message (status ") +
                             std::string(to_string(status_)) + ")");
    }
  }

  RecvStatus status_;
  std::optional<T> value_;
};

}  // namespace safelab::own

#endif  // SAFELAB_OWN_CHANNEL_RESULT_H_
