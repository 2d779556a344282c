// Tests the frame protocol: encoding, checked decoding, and the bounded
// FrameReader that refuses lengths before buffering for them.
#include "safelab/io/protocol.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "raw_client.h"

namespace safelab::io {
namespace {

using testing::frame_header;

// Feeds `bytes` into `reader` in chunks of `chunk` bytes.
void feed(FrameReader& reader, std::string_view bytes, std::size_t chunk) {
  while (!bytes.empty()) {
    const std::size_t n = std::min(chunk, bytes.size());
    std::span<char> room = reader.prepare(n);
    std::memcpy(room.data(), bytes.data(), n);
    reader.commit(n);
    bytes.remove_prefix(n);
  }
}

// Tests that a request survives encoding and decoding unchanged.
TEST(ProtocolTest, RequestRoundTrips) {
  std::string frame;
  append_frame(frame, Request{Op::echo, 42, 0, "hello"});
  ASSERT_EQ(frame.size(), kFrameHeaderSize + kRequestHeaderSize + 5);
  err::Result<Request, ParseError> parsed =
      parse_request(std::string_view(frame).substr(kFrameHeaderSize));
  ASSERT_TRUE(parsed) << parsed.error().reason;
  EXPECT_EQ(parsed->op, Op::echo);
  EXPECT_EQ(parsed->id, 42u);
  EXPECT_EQ(parsed->data, "hello");
}

// Tests that every malformed request payload is refused with a reason.
TEST(ProtocolTest, MalformedRequestsAreRefused) {
  EXPECT_FALSE(parse_request(""));
  EXPECT_FALSE(parse_request(std::string(8, '\1')));  // one byte short of a header
  std::string unknown_op;
  append_frame(unknown_op, Request{Op::echo, 7, 0, {}});
  unknown_op[kFrameHeaderSize] = 9;
  err::Result<Request, ParseError> bad =
      parse_request(std::string_view(unknown_op).substr(kFrameHeaderSize));
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.error().reason, "unknown op");
  EXPECT_EQ(bad.error().id, 7u);  // still names the request

  std::string costly;
  append_frame(costly, Request{Op::compute, 1, kMaxComputeUnits + 1, {}});
  EXPECT_FALSE(parse_request(std::string_view(costly).substr(kFrameHeaderSize)));
  std::string with_data;
  append_frame(with_data, Request{Op::compute, 1, 10, "x"});
  EXPECT_FALSE(parse_request(std::string_view(with_data).substr(kFrameHeaderSize)));
}

// Tests that respond() answers bad payloads with Status::bad_request
// instead of throwing.
TEST(ProtocolTest, RespondTurnsBadPayloadsIntoBadRequest) {
  const Response r = respond("abc", [] {});
  EXPECT_EQ(r.status, Status::bad_request);
  EXPECT_FALSE(r.body.empty());
}

// Tests that compute responses are deterministic and depend on the id and
// the cost, and that the boundary callback runs once per unit.
TEST(ProtocolTest, ComputeIsDeterministicAndTicksPerUnit) {
  int ticks = 0;
  const std::uint64_t a = compute(5, 100, [&] { ++ticks; });
  EXPECT_EQ(ticks, 100);
  EXPECT_EQ(a, compute(5, 100));
  EXPECT_NE(a, compute(6, 100));
  EXPECT_NE(a, compute(5, 101));
  const Response r = expected_response(Request{Op::compute, 5, 100, {}});
  EXPECT_EQ(r.status, Status::ok);
  EXPECT_EQ(r.body.size(), 8u);
}

// Tests that frames split at every possible point come out whole and in
// order.
TEST(FrameReaderTest, ReassemblesFramesSplitAnywhere) {
  std::string stream;
  append_frame(stream, Request{Op::echo, 1, 0, "first"});
  append_frame(stream, Request{Op::echo, 2, 0, std::string(300, 'z')});
  append_frame(stream, Request{Op::echo, 3, 0, {}});
  for (std::size_t chunk = 1; chunk <= stream.size(); chunk += 7) {
    FrameReader reader(1024);
    feed(reader, stream, chunk);
    std::string_view payload;
    std::uint32_t expected_id = 1;
    while (reader.next(payload) == FrameReader::Next::frame) {
      err::Result<Request, ParseError> parsed = parse_request(payload);
      ASSERT_TRUE(parsed);
      EXPECT_EQ(parsed->id, expected_id++);
    }
    EXPECT_EQ(expected_id, 4u) << "chunk " << chunk;
    EXPECT_EQ(reader.buffered(), 0u);
  }
}

// Tests that a declared length over the limit is refused as soon as the
// header is in, before any payload is buffered for it.
TEST(FrameReaderTest, RefusesOversizedLengthBeforeBuffering) {
  FrameReader reader(1000);
  feed(reader, frame_header(0xFFFFFFFF), 4);
  std::string_view payload;
  EXPECT_EQ(reader.next(payload), FrameReader::Next::too_large);
  EXPECT_EQ(reader.buffered(), 4u);  // only the header itself

  FrameReader at_limit(1000);
  feed(at_limit, frame_header(1000), 4);
  EXPECT_EQ(at_limit.next(payload), FrameReader::Next::need_more);
  FrameReader over_limit(1000);
  feed(over_limit, frame_header(1001), 4);
  EXPECT_EQ(over_limit.next(payload), FrameReader::Next::too_large);
}

// Tests that a partial frame is reported as buffered (truncation at EOF).
TEST(FrameReaderTest, PartialFrameStaysBuffered) {
  FrameReader reader(1000);
  feed(reader, frame_header(100) + "0123456789", 5);
  std::string_view payload;
  EXPECT_EQ(reader.next(payload), FrameReader::Next::need_more);
  EXPECT_EQ(reader.buffered(), 14u);
}

// Tests that bad limits and misuse are clear errors.
TEST(FrameReaderTest, RejectsMisuse) {
  EXPECT_THROW(FrameReader(std::size_t{1} << 30), std::invalid_argument);
  FrameReader reader(100);
  (void)reader.prepare(8);
  EXPECT_THROW(reader.commit(9), std::logic_error);
}

// Tests that the digest is order-independent and sensitive to content.
TEST(ProtocolTest, ResponseHashSumIsOrderIndependent) {
  const Response a{Status::ok, 1, "a"}, b{Status::ok, 2, "b"};
  EXPECT_EQ(response_hash(a) + response_hash(b), response_hash(b) + response_hash(a));
  EXPECT_NE(response_hash(a), response_hash(Response{Status::ok, 1, "b"}));
  EXPECT_NE(response_hash(a), response_hash(Response{Status::refused, 1, "a"}));
}

}  // namespace
}  // namespace safelab::io
