// safelab/err/error.h
//
// Error: a general-purpose error value for Result<T, Error>: a code from a
// fixed enum, a human-readable message, and the source location where it was
// made. Plus conversion to and from absl::Status / absl::StatusOr, so that
// safelab code and Abseil-based code can call each other.
//
//   ErrorCode        the canonical error space (the same codes, with the
//                    same numbers, as absl::StatusCode and gRPC)
//   Error            code + message + location; cheap to move
//   to_status()      Error / Result<void, Error> -> absl::Status
//   to_statusor()    Result<T, Error> -> absl::StatusOr<T>
//   from_status()    absl::Status -> Result<void, Error>
//   from_statusor()  absl::StatusOr<T> -> Result<T, Error>
//
// Why not use absl::Status directly? Status is a fine error type, and
// Result<T, absl::Status> works; Error adds the source location (Status has
// none in this Abseil release) and a code enum that `switch` can check for
// exhaustiveness. The conversions keep code and message; the location is
// carried across as a Status payload under kLocationPayloadUrl, and an Error
// made from a Status gets the location of the from_status() call.
//
// Example:
//
//   Result<Port, Error> parse_port(std::string_view s) {
//     auto n = parse<int>(s);
//     if (!n) return Err(Error(ErrorCode::kInvalidArgument, n.error().message()));
//     if (*n < 1 || *n > 65535)
//       return Err(Error(ErrorCode::kOutOfRange, "port out of range"));
//     return Port(*n);
//   }
//
//   absl::StatusOr<Port> legacy = to_statusor(parse_port(text));
#ifndef SAFELAB_ERR_ERROR_H_
#define SAFELAB_ERR_ERROR_H_

#include <string>
#include <string_view>
#include <utility>
#include "safelab/err/source_location.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "safelab/err/result.h"

namespace safelab::err {

// ErrorCode
//
// The canonical codes; numerically equal to absl::StatusCode. There is no
// "ok" code: success is a Result holding a value, not an Error.
enum class ErrorCode {
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// to_string(ErrorCode)
//
// The code's name in the style of absl::StatusCodeToString: "INVALID_ARGUMENT".
std::string_view to_string(ErrorCode code) noexcept;

// Error
//
// An error value with context. Construction records the location of the
// expression that made it.
class Error {
 public:
  explicit Error(ErrorCode code, std::string message = {},
                 SourceLocation where = SourceLocation::current())
      : code_(code), message_(std::move(message)), where_(where) {}

  ErrorCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  SourceLocation location() const noexcept { return where_; }

  // Error::with_context(context)
  //
  // The same error with "<context>: " prepended to the message, as one adds
  // context while an error travels up (Rust's anyhow::Context). Keeps the
  // original code and location.
  Error with_context(std::string_view context) const&;
  Error with_context(std::string_view context) &&;

  // Error::to_string()
  //
  // "NOT_FOUND: no key 'port' [config.cc:12]". What unwrap()/expect() print.
  std::string to_string() const;

  // Equality compares code and message, not location: two places can report
  // the same error.
  friend bool operator==(const Error& a, const Error& b) noexcept {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  ErrorCode code_;
  std::string message_;
  SourceLocation where_;
};

// The type URL of the payload that carries an Error's location in a Status.
inline constexpr std::string_view kLocationPayloadUrl = "type.safelab.dev/source-location";

// to_status(error), to_status(result)
//
// An absl::Status with the same code and message, and the location as a
// payload. A Result<void, Error> holding a value becomes absl::OkStatus().
absl::Status to_status(const Error& error);
absl::Status to_status(const Result<void, Error>& result);

// from_status(status)
//
// Result<void, Error>: a value for an OK status, else an Error with the
// status's code and message. A code outside the canonical range becomes
// kUnknown (with the original number in the message).
Result<void, Error> from_status(const absl::Status& status,
                                SourceLocation where = SourceLocation::current());

// to_statusor(result)
//
// absl::StatusOr<T> holding the value or the error's Status.
template <class T>
absl::StatusOr<T> to_statusor(Result<T, Error> result) {
  if (result.has_value()) return std::move(result).value();
  return to_status(result.error());
}

// from_statusor(statusor)
//
// Result<T, Error> holding the value or the status's error.
template <class T>
Result<T, Error> from_statusor(absl::StatusOr<T> statusor,
                               SourceLocation where = SourceLocation::current()) {
  if (statusor.ok()) return Result<T, Error>(std::in_place, *std::move(statusor));
  return Err<Error>(std::move(from_status(statusor.status(), where)).error(), where);
}

}  // namespace safelab::err

#endif  // SAFELAB_ERR_ERROR_H_
