// Tests the three safe servers with one suite: correct answers under load,
// and the robustness promises of server.h (malformed, oversized and
// truncated frames, stalled, slow and vanished clients, connection limits,
// clean shutdown). Loopback only, ephemeral ports, every wait bounded.
#include "safelab/io/server.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "io/load.h"
#include "raw_client.h"
#include "safelab/gil/gil.h"

namespace safelab::io {
namespace {

using testing::eventually;
using testing::frame_header;
using testing::RawClient;
using namespace std::chrono_literals;

LoadOptions load_for(std::uint16_t port, int connections, int requests) {
  LoadOptions load;
  load.port = port;
  load.connections = connections;
  load.requests_per_connection = requests;
  load.time_limit = 20s;
  return load;
}

struct Kind {
  const char* name;
  std::unique_ptr<Server> (*start)(const ServerOptions&, gil::Gil&);
};

// How GoogleTest names a Kind in its output (instead of its bytes).
void PrintTo(const Kind& kind, std::ostream* out) { *out << kind.name; }

const Kind kKinds[] = {
    {"threaded", [](const ServerOptions& o, gil::Gil& g) { return start_threaded_server(o, g); }},
    {"eventloop",
     [](const ServerOptions& o, gil::Gil& g) { return start_event_loop_server(o, g); }},
    {"strand", [](const ServerOptions& o, gil::Gil&) { return start_strand_server(o); }},
};

class ServerTest : public ::testing::TestWithParam<Kind> {
 protected:
  std::unique_ptr<Server>& start(ServerOptions options = {}) {
    options.threads = 2;
    server_ = GetParam().start(options, gil_);
    return server_;
  }

  gil::Gil gil_;  // outlives server_ (declared first)
  std::unique_ptr<Server> server_;
};

// Tests that every request of a pipelined mixed load is answered correctly.
TEST_P(ServerTest, AnswersEveryRequestCorrectly) {
  start();
  LoadOptions load = load_for(server_->port(), 4, 40);
  load.window = 3;
  load.mix = {.echo_bytes = 100, .compute_units = 50, .compute_every = 4};
  const LoadReport report = run_load(load);
  EXPECT_TRUE(report.complete()) << report.error;
  EXPECT_EQ(report.ok, 160u);
  EXPECT_EQ(report.compute.count, 40u);
  EXPECT_EQ(report.digest, expected_digest(load));
  EXPECT_EQ(server_->stats().answered, 160u);
}

// Tests that a well-framed but invalid payload gets Status::bad_request and
// that the connection stays usable.
TEST_P(ServerTest, BadRequestGetsErrorAndConnectionStaysUsable) {
  start();
  RawClient client(server_->port());
  client.send(frame_header(3) + "abc");
  std::optional<Response> error = client.receive();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status, Status::bad_request);
  client.send(Request{Op::echo, 9, 0, "still here"});
  std::optional<Response> echo = client.receive();
  ASSERT_TRUE(echo.has_value());
  EXPECT_EQ(*echo, (Response{Status::ok, 9, "still here"}));
  EXPECT_EQ(server_->stats().bad_frames, 1u);
}

// Tests that a declared length over the limit gets Status::frame_too_large
// and a close, with nothing allocated for it.
TEST_P(ServerTest, OversizedFrameGetsErrorThenClose) {
  start({.max_payload = 1024});
  RawClient client(server_->port());
  client.send(frame_header(0x7FFFFFFF));  // 2 GiB announced, never sent
  std::optional<Response> error = client.receive();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status, Status::frame_too_large);
  EXPECT_TRUE(client.closed_by_server());
}

// Tests that a peer closing mid-frame is counted and the server goes on.
TEST_P(ServerTest, TruncatedFrameIsCountedAndClosed) {
  start();
  RawClient client(server_->port());
  client.send(frame_header(100) + "0123456789");
  client.shutdown_send();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_TRUE(eventually([&] { return server_->stats().truncated == 1; }));
}

// Tests that a client that stalls mid-frame is closed after idle_timeout.
TEST_P(ServerTest, StalledClientTimesOut) {
  start({.idle_timeout = 100ms});
  RawClient client(server_->port());
  client.send(frame_header(100) + "01234");
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_TRUE(eventually([&] { return server_->stats().timeouts == 1; }));
}

// Tests that a client that sends but never reads is dropped once the
// server's buffers are full, instead of growing them without bound.
TEST_P(ServerTest, ClientThatNeverReadsIsDropped) {
  start({.idle_timeout = 200ms});
  RawClient client(server_->port());
  std::string frame;
  append_frame(frame, Request{Op::echo, 1, 0, std::string(60'000, 'x')});
  // Push until the kernel takes no more (the server stopped reading), with
  // a bound in case it never stops. A partial send is resumed where it
  // stopped: sending the whole frame again would corrupt the stream, and the
  // server would rightly close it as a bad frame instead of timing it out.
  // A full buffer is only trusted after a pause: under load the server may
  // just be slow to read.
  std::string_view rest;
  int refused = 0;  // sends in a row the kernel took nothing of
  for (int i = 0; i < 4000 && refused < 2; ++i) {
    if (rest.empty()) rest = frame;
    const std::size_t n = client.send_some(rest);
    rest.remove_prefix(n);
    refused = n > 0 ? 0 : refused + 1;
    if (n == 0) (void)client.writable_within(300ms);
  }
  EXPECT_TRUE(eventually([&] { return server_->stats().timeouts == 1; }));
}

// Tests that a client vanishing mid-request (a reset) leaves the server
// serving everyone else.
TEST_P(ServerTest, VanishedClientDoesNotDisturbOthers) {
  start();
  {
    RawClient client(server_->port());
    client.send(frame_header(50) + "partial");
    client.vanish();
  }
  const LoadOptions load = load_for(server_->port(), 2, 20);
  const LoadReport report = run_load(load);
  EXPECT_TRUE(report.complete()) << report.error;
}

// Tests that connections over max_connections are closed at once.
TEST_P(ServerTest, RefusesConnectionsBeyondTheLimit) {
  start({.max_connections = 1});
  RawClient first(server_->port());
  first.send(Request{Op::echo, 1, 0, "hi"});
  ASSERT_TRUE(first.receive().has_value());  // `first` is surely accepted now
  RawClient second(server_->port());
  EXPECT_TRUE(second.closed_by_server());
  EXPECT_EQ(server_->stats().rejected, 1u);
}

// Tests that stop() answers or refuses every request it has received: a
// long computation in flight and requests queued behind it each get exactly
// one response (Status::ok or Status::refused), then the connection closes.
TEST_P(ServerTest, StopAnswersOrRefusesEveryRequest) {
  start();
  RawClient client(server_->port());
  client.send(Request{Op::echo, 100, 0, "warm"});
  ASSERT_TRUE(client.receive().has_value());
  std::string burst;
  append_frame(burst, Request{Op::compute, 0, 40'000, {}});
  for (std::uint32_t id = 1; id <= 3; ++id) append_frame(burst, Request{Op::echo, id, 0, "q"});
  client.send(burst);
  server_->stop();  // bounded: returns once every connection is closed

  bool seen[4] = {};
  for (int i = 0; i < 4; ++i) {
    std::optional<Response> r = client.receive();
    ASSERT_TRUE(r.has_value()) << "response " << i << " missing";
    ASSERT_LT(r->id, 4u);
    EXPECT_FALSE(seen[r->id]) << "duplicate response for " << r->id;
    seen[r->id] = true;
    EXPECT_TRUE(r->status == Status::ok || r->status == Status::refused) << to_string(r->status);
    if (r->status == Status::ok) {
      EXPECT_EQ(*r, expected_response(r->id == 0 ? Request{Op::compute, 0, 40'000, {}}
                                                 : Request{Op::echo, r->id, 0, "q"}));
    }
  }
  EXPECT_TRUE(client.closed_by_server());
  const ServerStats stats = server_->stats();
  EXPECT_EQ(stats.answered + stats.refused, 5u);
}

// Tests that stop() returns with idle connections open, closing them.
TEST_P(ServerTest, StopClosesIdleConnections) {
  start();
  RawClient a(server_->port()), b(server_->port());
  a.send(Request{Op::echo, 1, 0, "x"});
  ASSERT_TRUE(a.receive().has_value());
  server_->stop();
  EXPECT_TRUE(a.closed_by_server());
  EXPECT_TRUE(b.closed_by_server());
  server_->stop();  // idempotent
}

INSTANTIATE_TEST_SUITE_P(AllSafeServers, ServerTest, ::testing::ValuesIn(kKinds),
                         [](const ::testing::TestParamInfo<Kind>& kind) {
                           return kind.param.name;
                         });

// Tests that bad options are clear errors, not crashes.
TEST(ServerOptionsTest, BadOptionsAreRefused) {
  EXPECT_THROW(start_strand_server({.idle_timeout = 0ms}), std::invalid_argument);
  EXPECT_THROW(start_strand_server({.max_payload = std::size_t{1} << 30}), std::invalid_argument);
  gil::Gil gil;
  EXPECT_THROW(start_threaded_server({.idle_timeout = -1ms}, gil), std::invalid_argument);
}

// Tests that a port in use is reported as std::system_error.
TEST(ServerOptionsTest, PortInUseIsAnError) {
  auto first = start_strand_server({.threads = 1});
  EXPECT_THROW(start_strand_server({.port = first->port(), .threads = 1}), std::system_error);
}

// Tests that the load generator refuses options it cannot honour.
TEST(LoadTest, BadOptionsAreRefused) {
  EXPECT_THROW(run_load(load_for(0, 1, 1)), std::invalid_argument);
  EXPECT_THROW(run_load(load_for(1, 0, 1)), std::invalid_argument);
  EXPECT_THROW(run_load(load_for(1, 1, -1)), std::invalid_argument);
  LoadOptions no_window = load_for(1, 1, 1);
  no_window.window = 0;
  EXPECT_THROW(run_load(no_window), std::invalid_argument);
  LoadOptions too_costly = load_for(1, 1, 1);
  too_costly.mix = {.echo_bytes = 0, .compute_units = kMaxComputeUnits + 1, .compute_every = 1};
  EXPECT_THROW(run_load(too_costly), std::invalid_argument);
}

// Tests that a server that is not there is a reported error, not a throw.
TEST(LoadTest, NoServerIsAReportedError) {
  std::uint16_t port;
  {
    auto server = start_strand_server({.threads = 1});
    port = server->port();
  }  // closed again: connecting now is refused
  LoadOptions load = load_for(port, 1, 1);
  load.time_limit = 5s;
  const LoadReport report = run_load(load);
  EXPECT_FALSE(report.complete());
  EXPECT_NE(report.error.find("connect"), std::string::npos) << report.error;
}

}  // namespace
}  // namespace safelab::io
