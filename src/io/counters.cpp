#include "counters.h"

#include <string>

namespace safelab::io::internal {

Response refusal(std::string_view payload) {
  const err::Result<Request, ParseError> parsed = parse_request(payload);
  const std::uint32_t id = parsed ? parsed->id : parsed.error().id;
  return error_response(id, Status::refused, "server shutting down");
}

Response too_large_response(std::size_t max_payload) {
  return error_response(0, Status::frame_too_large,
                        "frame longer than " + std::to_string(max_payload) + " bytes");
}

}  // namespace safelab::io::internal
