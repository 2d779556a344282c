// include/safelab/io/protocol.h
//
// The wire protocol every safelab server and the load generator speak: one
// loopback request/response workload, served four ways (see server.h).
//
// A frame is a 4-byte big-endian payload length followed by that many bytes.
// Unlike a naive `read(len); buf.resize(len)` reader, FrameReader checks the
// declared length against a limit *before* it buffers anything for it, and
// it only ever holds bytes that really arrived: a client that announces a
// 4 GiB frame gets an error, not a 4 GiB allocation.
//
//   request payload   op (u8) | id (u32) | arg (u32) | data...
//   response payload  status (u8) | id (u32) | body...
//
// All integers are big-endian. The helpers here:
//
//   Request, Response    the decoded messages
//   append_frame()       encodes a message as one frame
//   parse_request()      decodes a request payload: an err::Result holding
//                        the Request or a ParseError saying what is wrong
//   parse_response()     decodes a response payload, the same way
//   ParseError           why a payload does not decode, and the request id
//                        if the header could be read
//   FrameReader          splits a byte stream into frame payloads, bounded
//   compute()            the "small computation" of a compute request
//   respond()            the server side of one request: payload -> response
#ifndef SAFELAB_IO_PROTOCOL_H_
#define SAFELAB_IO_PROTOCOL_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "safelab/err/result.h"

namespace safelab::io {

// The largest payload a server accepts by default. Larger declared lengths are
// refused with Status::frame_too_large and the connection is closed.
inline constexpr std::size_t kDefaultMaxPayload = 64 * 1024;

// The cost ceiling of one compute request (a fraction of a second of CPU). Asking
// for more is a bad request: a server must not let one frame buy unbounded
// CPU time.
inline constexpr std::uint32_t kMaxComputeUnits = 200'000;

inline constexpr std::size_t kFrameHeaderSize = 4;
inline constexpr std::size_t kRequestHeaderSize = 9;   // op + id + arg
inline constexpr std::size_t kResponseHeaderSize = 5;  // status + id

enum class Op : std::uint8_t {
  echo = 1,     // body = data
  compute = 2,  // body = compute(id, arg units), 8 bytes big-endian
};

enum class Status : std::uint8_t {
  ok = 0,
  bad_request = 1,      // a well-framed payload that is not a valid request
  frame_too_large = 2,  // declared length over the limit; the server closes
  refused = 3,          // the server is shutting down and did not run it
};

std::string_view to_string(Op op);
std::string_view to_string(Status status);

struct Request {
  Op op = Op::echo;
  std::uint32_t id = 0;
  std::uint32_t arg = 0;  // compute: cost in units; echo: unused (0)
  std::string data;       // echo: the bytes to send back
};

struct Response {
  Status status = Status::ok;
  std::uint32_t id = 0;
  std::string body;  // ok: the result; otherwise a one-line reason

  friend bool operator==(const Response&, const Response&) = default;
};

// append_frame()
//
// Appends `message` to `out` as one frame (header and payload).
//
// REQUIRES: the encoded payload fits in a u32 (it always does for the sizes
// this protocol allows).
void append_frame(std::string& out, const Request& message);
void append_frame(std::string& out, const Response& message);

// ParseError
//
// Why a payload does not decode. `reason` is a static string; `id` is the
// request id when at least the header could be read (0 otherwise), so that
// an error response can still name the request.
struct ParseError {
  std::string_view reason;
  std::uint32_t id = 0;

  std::string to_string() const { return std::string(reason); }
  friend bool operator==(const ParseError&, const ParseError&) = default;
};

// parse_request()
//
// Decodes a request payload. Fails on a payload shorter than the request
// header, an unknown op, a compute cost above kMaxComputeUnits, or a compute
// request carrying data.
[[nodiscard]] err::Result<Request, ParseError> parse_request(std::string_view payload);

// parse_response()
//
// Decodes a response payload. Fails on a short payload or an unknown status.
[[nodiscard]] err::Result<Response, ParseError> parse_response(std::string_view payload);

// FrameReader
//
// Splits a byte stream into frame payloads without trusting the lengths it
// reads. Bytes go in through prepare()/commit() (read straight into the
// reader's buffer) and come out through next(). The buffer never holds more
// than one maximal frame plus one read chunk, whatever the peer sends.
//
// Example:
//
//   FrameReader reader(kDefaultMaxPayload);
//   std::span<char> room = reader.prepare();
//   reader.commit(socket.read_some(asio::buffer(room.data(), room.size())));
//   std::string_view payload;
//   while (reader.next(payload) == FrameReader::Next::frame) handle(payload);
//
// Not thread-safe: one reader belongs to one connection.
class FrameReader {
 public:
  enum class Next {
    need_more,  // no complete frame buffered yet
    frame,      // `payload` is the next frame's payload
    too_large,  // the next frame declares a length over the limit; the
                // stream cannot be resynchronised, close it
  };

  // REQUIRES: max_payload <= 16 MiB (a sanity bound, not a tuning knob).
  explicit FrameReader(std::size_t max_payload = kDefaultMaxPayload);

  // FrameReader::prepare()
  //
  // Returns writable room at the end of the buffer, at least `bytes` long.
  // Invalidates any payload returned by next().
  std::span<char> prepare(std::size_t bytes = 4096);

  // FrameReader::commit()
  //
  // Marks the first `bytes` bytes of the last prepare()d room as received.
  //
  // REQUIRES: bytes <= the size of the last prepare()d room.
  void commit(std::size_t bytes);

  // FrameReader::next()
  //
  // Takes the next complete frame off the buffer. On Next::frame, `payload`
  // views the buffer and stays valid until the next prepare() or next().
  Next next(std::string_view& payload);

  // Bytes received but not yet returned as a frame: nonzero at end of stream
  // means the peer sent a truncated frame.
  std::size_t buffered() const { return end_ - begin_; }
  std::size_t max_payload() const { return max_payload_; }

 private:
  std::size_t max_payload_;
  std::string buf_;
  std::size_t begin_ = 0;  // first byte not yet consumed
  std::size_t end_ = 0;    // one past the last received byte
  std::size_t room_ = 0;   // size of the last prepare()d room
};

// compute()
//
// The CPU work of a compute request: `units` rounds of integer mixing seeded
// by `seed`, about a microsecond per unit on a current x86 core. `at_boundary` is called once
// per unit: it is where an interpreter would check its eval breaker (the GIL
// servers pass `ThreadState::tick`), and a no-op otherwise.
template <class Boundary>
std::uint64_t compute(std::uint64_t seed, std::uint32_t units, Boundary&& at_boundary) {
  std::uint64_t x = seed ^ 0x9e3779b97f4a7c15ULL;
  for (std::uint32_t u = 0; u < units; ++u) {
    for (int i = 0; i < 256; ++i) {  // splitmix64 steps
      x += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      x ^= z ^ (z >> 31);
    }
    at_boundary();
  }
  return x;
}

inline std::uint64_t compute(std::uint64_t seed, std::uint32_t units) {
  return compute(seed, units, [] {});
}

// respond()
//
// What a server answers to one request payload: the result of a valid
// request, or Status::bad_request with the reason. Never throws on bad
// input. `at_boundary` is passed on to compute().
template <class Boundary>
Response respond(std::string_view payload, Boundary&& at_boundary);

// The answer to a valid request, computed directly (no server involved):
// what tests and reference digests compare against.
Response expected_response(const Request& request);

// An order-independent summary of many responses: the wrapping sum of one
// 64-bit hash per response, so pipelined and concurrent servers that answer
// in any order give the same digest.
std::uint64_t response_hash(const Response& response);

// ---------------------------------------------------------------------------
// Implementation details.

namespace internal {
std::string encode_u64(std::uint64_t v);
Response error_response(std::uint32_t id, Status status, std::string_view why);
}  // namespace internal

template <class Boundary>
Response respond(std::string_view payload, Boundary&& at_boundary) {
  const err::Result<Request, ParseError> parsed = parse_request(payload);
  if (!parsed) {
    return internal::error_response(parsed.error().id, Status::bad_request, parsed.error().reason);
  }
  const Request& request = *parsed;
  switch (request.op) {
    case Op::echo: return {Status::ok, request.id, request.data};
    case Op::compute:
      return {Status::ok, request.id,
              internal::encode_u64(compute(request.id, request.arg, at_boundary))};
  }
  return internal::error_response(request.id, Status::bad_request, "unknown op");
}

}  // namespace safelab::io

#endif  // SAFELAB_IO_PROTOCOL_H_
