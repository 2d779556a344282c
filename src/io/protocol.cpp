// The frame protocol: encoding, checked decoding, and the bounded reader.
#include "safelab/io/protocol.h"

#include <cstring>
#include <stdexcept>

namespace safelab::io {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                         static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(bytes, 4);
}

std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}

// Frames are built in place: the length is patched in once the payload is
// written, so that no temporary payload string is needed.
std::size_t begin_frame(std::string& out) {
  const std::size_t at = out.size();
  put_u32(out, 0);
  return at;
}

void end_frame(std::string& out, std::size_t at) {
  const auto length = static_cast<std::uint32_t>(out.size() - at - kFrameHeaderSize);
  for (std::size_t i = 0; i < 4; ++i) {
    out[at + i] = static_cast<char>(length >> (24 - 8 * i));
  }
}

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::string_view to_string(Op op) {
  switch (op) {
    case Op::echo: return "echo";
    case Op::compute: return "compute";
  }
  return "unknown";
}

std::string_view to_string(Status status) {
  switch (status) {
    case Status::ok: return "ok";
    case Status::bad_request: return "bad_request";
    case Status::frame_too_large: return "frame_too_large";
    case Status::refused: return "refused";
  }
  return "unknown";
}

void append_frame(std::string& out, const Request& message) {
  const std::size_t at = begin_frame(out);
  out.push_back(static_cast<char>(message.op));
  put_u32(out, message.id);
  put_u32(out, message.arg);
  out.append(message.data);
  end_frame(out, at);
}

void append_frame(std::string& out, const Response& message) {
  const std::size_t at = begin_frame(out);
  out.push_back(static_cast<char>(message.status));
  put_u32(out, message.id);
  out.append(message.body);
  end_frame(out, at);
}

err::Result<Request, ParseError> parse_request(std::string_view payload) {
  if (payload.size() < kRequestHeaderSize) {
    return err::Err(ParseError{"payload shorter than the 9-byte request header", 0});
  }
  const std::uint32_t id = get_u32(payload, 1);
  const auto op = static_cast<unsigned char>(payload[0]);
  const std::uint32_t arg = get_u32(payload, 5);
  std::string_view data = payload.substr(kRequestHeaderSize);
  if (op == static_cast<unsigned char>(Op::echo)) {
    return Request{Op::echo, id, arg, std::string(data)};
  }
  if (op == static_cast<unsigned char>(Op::compute)) {
    if (arg > kMaxComputeUnits) return err::Err(ParseError{"compute cost above the limit", id});
    if (!data.empty()) return err::Err(ParseError{"compute request carries data", id});
    return Request{Op::compute, id, arg, {}};
  }
  return err::Err(ParseError{"unknown op", id});
}

err::Result<Response, ParseError> parse_response(std::string_view payload) {
  if (payload.size() < kResponseHeaderSize) {
    return err::Err(ParseError{"payload shorter than the 5-byte response header", 0});
  }
  const auto status = static_cast<unsigned char>(payload[0]);
  const std::uint32_t id = get_u32(payload, 1);
  if (status > static_cast<unsigned char>(Status::refused)) {
    return err::Err(ParseError{"unknown status", id});
  }
  return Response{static_cast<Status>(status), id, std::string(payload.substr(5))};
}

FrameReader::FrameReader(std::size_t max_payload) : max_payload_(max_payload) {
  if (max_payload > (std::size_t{16} << 20)) {
    throw std::invalid_argument("FrameReader: max_payload above 16 MiB");
  }
}

std::span<char> FrameReader::prepare(std::size_t bytes) {
  // Compact first: consumed bytes at the front are dead. Keeps the buffer at
  // most one partial frame plus one chunk.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() < end_ + bytes) buf_.resize(end_ + bytes);
  room_ = bytes;
  return {buf_.data() + end_, bytes};
}

void FrameReader::commit(std::size_t bytes) {
  if (bytes > room_) throw std::logic_error("FrameReader::commit: more than prepare()d");
  end_ += bytes;
  room_ = 0;
}

FrameReader::Next FrameReader::next(std::string_view& payload) {
  const std::size_t have = end_ - begin_;
  if (have < kFrameHeaderSize) return Next::need_more;
  const std::string_view view(buf_.data() + begin_, have);
  const std::uint32_t length = get_u32(view, 0);
  // The check that matters: the length is refused before a single byte of
  // room is made for it.
  if (length > max_payload_) return Next::too_large;
  if (have - kFrameHeaderSize < length) return Next::need_more;
  payload = view.substr(kFrameHeaderSize, length);
  begin_ += kFrameHeaderSize + length;
  return Next::frame;
}

Response expected_response(const Request& request) {
  std::string frame;
  append_frame(frame, request);
  return respond(std::string_view(frame).substr(kFrameHeaderSize), [] {});
}

std::uint64_t response_hash(const Response& response) {
  std::uint64_t h = mix64(0x243f6a8885a308d3ULL ^ (std::uint64_t{response.id} << 8) ^
                          static_cast<std::uint64_t>(response.status));
  for (char c : response.body) h = mix64(h ^ static_cast<unsigned char>(c));
  return h;
}

namespace internal {

std::string encode_u64(std::uint64_t v) {
  std::string out(8, '\0');
  for (std::size_t i = 0; i < 8; ++i) out[i] = static_cast<char>(v >> (56 - 8 * i));
  return out;
}

Response error_response(std::uint32_t id, Status status, std::string_view why) {
  return {status, id, std::string(why)};
}

}  // namespace internal
}  // namespace safelab::io
