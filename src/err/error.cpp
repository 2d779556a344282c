#include "safelab/err/error.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace safelab::err {
namespace {

// This Abseil release is built with its own absl::string_view (not an alias
// of std::string_view), hence the explicit conversions.
absl::string_view to_absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string location_text(SourceLocation where) {
  return std::string(where.file_name()) + ":" + std::to_string(where.line());
}

}  // namespace

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kCancelled: return "CANCELLED";
    case ErrorCode::kUnknown: return "UNKNOWN";
    case ErrorCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case ErrorCode::kDeadlineExceeded: return "DEADLINE_EXCEEDED";
    case ErrorCode::kNotFound: return "NOT_FOUND";
    case ErrorCode::kAlreadyExists: return "ALREADY_EXISTS";
    case ErrorCode::kPermissionDenied: return "PERMISSION_DENIED";
    case ErrorCode::kResourceExhausted: return "RESOURCE_EXHAUSTED";
    case ErrorCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case ErrorCode::kAborted: return "ABORTED";
    case ErrorCode::kOutOfRange: return "OUT_OF_RANGE";
    case ErrorCode::kUnimplemented: return "UNIMPLEMENTED";
    case ErrorCode::kInternal: return "INTERNAL";
    case ErrorCode::kUnavailable: return "UNAVAILABLE";
    case ErrorCode::kDataLoss: return "DATA_LOSS";
    case ErrorCode::kUnauthenticated: return "UNAUTHENTICATED";
  }
  return "UNKNOWN";  // a value cast from an out-of-range integer
}

Error Error::with_context(std::string_view context) const& {
  Error copy = *this;
  return std::move(copy).with_context(context);
}

Error Error::with_context(std::string_view context) && {
  message_.insert(0, std::string(context) + ": ");
  return std::move(*this);
}

std::string Error::to_string() const {
  std::string out(safelab::err::to_string(code_));
  if (!message_.empty()) out.append(": ").append(message_);
  out.append(" [").append(location_text(where_)).append("]");
  return out;
}

absl::Status to_status(const Error& error) {
  absl::Status status(static_cast<absl::StatusCode>(error.code()), to_absl(error.message()));
  status.SetPayload(to_absl(kLocationPayloadUrl), absl::Cord(location_text(error.location())));
  return status;
}

absl::Status to_status(const Result<void, Error>& result) {
  return result.has_value() ? absl::OkStatus() : to_status(result.error());
}

Result<void, Error> from_status(const absl::Status& status, SourceLocation where) {
  if (status.ok()) return Ok();
  const absl::string_view msg = status.message();
  std::string message(msg.data(), msg.size());
  const int raw = status.raw_code();
  ErrorCode code = ErrorCode::kUnknown;
  if (raw >= static_cast<int>(ErrorCode::kCancelled) &&
      raw <= static_cast<int>(ErrorCode::kUnauthenticated)) {
    code = static_cast<ErrorCode>(raw);
  } else {
    message = "status code " + std::to_string(raw) + ": " + message;
  }
  return Err<Error>(Error(code, std::move(message), where), where);
}

}  // namespace safelab::err
