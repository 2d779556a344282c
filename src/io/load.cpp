// The load generator: one io_context on the caller's thread, one Client per
// connection, each keeping `window` requests in flight.
#include "io/load.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <stdexcept>
#include <vector>

namespace safelab::io {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

const RequestMix& mix_of(const LoadOptions& options, int connection) {
  return connection == 0 && options.first_connection_mix ? *options.first_connection_mix
                                                         : options.mix;
}

void validate(const LoadOptions& o) {
  auto check_mix = [](const RequestMix& m) {
    if (m.compute_every > 0 && m.compute_units > kMaxComputeUnits) {
      throw std::invalid_argument("RequestMix: compute_units above kMaxComputeUnits");
    }
    if (m.echo_bytes + kRequestHeaderSize > kDefaultMaxPayload) {
      throw std::invalid_argument("RequestMix: echo_bytes above the default frame limit");
    }
  };
  if (o.port == 0) throw std::invalid_argument("LoadOptions: port is 0");
  if (o.connections < 1 || o.connections > 4096) {
    throw std::invalid_argument("LoadOptions: connections must be in [1, 4096]");
  }
  if (o.requests_per_connection < 0) {
    throw std::invalid_argument("LoadOptions: requests_per_connection must be >= 0");
  }
  if (o.window < 1) throw std::invalid_argument("LoadOptions: window must be >= 1");
  if (std::uint64_t{static_cast<std::uint32_t>(o.connections)} *
          static_cast<std::uint32_t>(o.requests_per_connection) >
      std::uint64_t{UINT32_MAX}) {
    throw std::invalid_argument("LoadOptions: connections * requests exceeds 32-bit ids");
  }
  if (o.time_limit <= std::chrono::milliseconds::zero()) {
    throw std::invalid_argument("LoadOptions: time_limit must be > 0");
  }
  check_mix(o.mix);
  if (o.first_connection_mix) check_mix(*o.first_connection_mix);
}

LatencySummary summarise(std::vector<std::chrono::nanoseconds>& samples) {
  LatencySummary s;
  s.count = samples.size();
  if (samples.empty()) return s;
  auto rank = [&](double q) {
    const auto n = samples.size();
    auto k = static_cast<std::size_t>(q * static_cast<double>(n));  // nearest rank, 0-based
    if (k >= n) k = n - 1;
    std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k),
                     samples.end());
    return samples[k];
  };
  s.p50 = rank(0.50);
  s.p99 = rank(0.99);
  s.max = *std::max_element(samples.begin(), samples.end());
  return s;
}

struct Shared {
  const LoadOptions& options;
  LoadReport& report;
  std::vector<std::chrono::nanoseconds> echo, compute;
  int running = 0;
  asio::steady_timer* deadline = nullptr;
};

class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& io, Shared& shared, int index)
      : shared_(shared),
        socket_(io),
        index_(index),
        total_(shared.options.requests_per_connection),
        sent_at_(static_cast<std::size_t>(total_)),
        answered_(static_cast<std::size_t>(total_), false),
        reader_(kDefaultMaxPayload + 64) {}

  void start() {
    ++shared_.running;
    if (total_ == 0) return finish();
    const tcp::endpoint server(asio::ip::address_v4::loopback(), shared_.options.port);
    socket_.async_connect(server, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return self->fail("connect: " + ec.message());
      boost::system::error_code ignored;
      self->socket_.set_option(tcp::no_delay(true), ignored);
      self->send_more();
      self->read();
    });
  }

  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void send_more() {
    const int window = shared_.options.window;
    while (next_ < total_ && next_ - received_ < window) {
      append_frame(outbox_, planned_request(shared_.options, index_, next_));
      sent_at_[static_cast<std::size_t>(next_)] = Clock::now();
      ++next_;
      ++shared_.report.sent;
    }
    if (!outbox_.empty() && !writing_) write();
  }

  void write() {
    writing_ = true;
    inflight_.clear();
    inflight_.swap(outbox_);
    asio::async_write(socket_, asio::buffer(inflight_),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->writing_ = false;
                        if (self->done_) return;
                        if (ec) return self->fail("write: " + ec.message());
                        if (!self->outbox_.empty()) self->write();
                      });
  }

  void read() {
    std::span<char> room = reader_.prepare();
    socket_.async_read_some(asio::buffer(room.data(), room.size()),
                            [self = shared_from_this()](boost::system::error_code ec,
                                                        std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(boost::system::error_code ec, std::size_t n) {
    if (done_) return;
    reader_.commit(n);
    std::string_view payload;
    for (;;) {
      const FrameReader::Next next = reader_.next(payload);
      if (next == FrameReader::Next::need_more) break;
      if (next == FrameReader::Next::too_large) return fail("response frame over the limit");
      if (!on_response(payload)) return;
    }
    if (received_ == total_) return finish();
    if (ec) {
      return fail(ec == asio::error::eof
                      ? "server closed the connection with " + std::to_string(total_ - received_) +
                            " requests unanswered"
                      : "read: " + ec.message());
    }
    send_more();
    read();
  }

  bool on_response(std::string_view payload) {
    LoadReport& report = shared_.report;
    err::Result<Response, ParseError> parsed = parse_response(payload);
    const std::uint32_t first =
        static_cast<std::uint32_t>(index_) * static_cast<std::uint32_t>(total_);
    if (!parsed || parsed->id < first || parsed->id - first >= static_cast<std::uint32_t>(next_) ||
        answered_[parsed->id - first]) {
      // A response we cannot match to a request in flight: the stream is
      // no longer trustworthy (a frame_too_large answer carries id 0 too).
      ++report.failed;
      if (parsed) report.digest += response_hash(*parsed);
      fail(parsed ? "unexpected response id " + std::to_string(parsed->id) + " (" +
                        std::string(to_string(parsed->status)) + ")"
                  : "malformed response: " + std::string(parsed.error().reason));
      return false;
    }
    const Response& response = *parsed;
    const std::uint32_t k = response.id - first;
    answered_[k] = true;
    ++received_;
    report.digest += response_hash(response);
    const auto latency = Clock::now() - sent_at_[k];
    const Request request = planned_request(shared_.options, index_, static_cast<int>(k));
    (request.op == Op::compute ? shared_.compute : shared_.echo).push_back(latency);
    if (response.status == Status::refused) {
      ++report.refused;
    } else if (response.status != Status::ok ||
               (shared_.options.verify && response != expected_response(request))) {
      ++report.failed;
    } else {
      ++report.ok;
    }
    return true;
  }

  void fail(const std::string& why) {
    if (shared_.report.error.empty()) {
      shared_.report.error = "connection " + std::to_string(index_) + ": " + why;
    }
    finish();
  }

  void finish() {
    if (done_) return;
    done_ = true;
    close();
    if (--shared_.running == 0 && shared_.deadline != nullptr) shared_.deadline->cancel();
  }

  Shared& shared_;
  tcp::socket socket_;
  const int index_;
  const int total_;
  std::vector<Clock::time_point> sent_at_;
  std::vector<bool> answered_;
  FrameReader reader_;
  std::string outbox_, inflight_;
  int next_ = 0;      // requests queued so far
  int received_ = 0;  // responses matched so far
  bool writing_ = false;
  bool done_ = false;
};

}  // namespace

Request planned_request(const LoadOptions& options, int connection, int index) {
  const RequestMix& mix = mix_of(options, connection);
  const auto id = static_cast<std::uint32_t>(connection) *
                      static_cast<std::uint32_t>(options.requests_per_connection) +
                  static_cast<std::uint32_t>(index);
  const auto k = static_cast<std::uint32_t>(index);
  if (mix.compute_every > 0 && k % mix.compute_every == mix.compute_every - 1) {
    return {Op::compute, id, mix.compute_units, {}};
  }
  std::string data(mix.echo_bytes, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + (id + i) % 26);
  return {Op::echo, id, 0, std::move(data)};
}

std::uint64_t expected_digest(const LoadOptions& options) {
  std::uint64_t digest = 0;
  for (int c = 0; c < options.connections; ++c) {
    for (int i = 0; i < options.requests_per_connection; ++i) {
      digest += response_hash(expected_response(planned_request(options, c, i)));
    }
  }
  return digest;
}

LoadReport run_load(const LoadOptions& options) {
  validate(options);
  LoadReport report;
  report.planned = static_cast<std::uint64_t>(options.connections) *
                   static_cast<std::uint64_t>(options.requests_per_connection);
  asio::io_context io(1);
  Shared shared{options, report, {}, {}, 0, nullptr};
  std::vector<std::shared_ptr<Client>> clients;
  clients.reserve(static_cast<std::size_t>(options.connections));
  for (int c = 0; c < options.connections; ++c) {
    clients.push_back(std::make_shared<Client>(io, shared, c));
  }
  asio::steady_timer deadline(io, options.time_limit);
  shared.deadline = &deadline;
  deadline.async_wait([&](boost::system::error_code ec) {
    if (ec) return;  // cancelled: everyone finished in time
    report.timed_out = true;
    for (auto& c : clients) c->close();
  });
  const auto start = Clock::now();
  for (auto& c : clients) c->start();
  if (shared.running == 0) deadline.cancel();
  io.run();
  report.elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start);
  const double seconds = std::chrono::duration<double>(report.elapsed).count();
  report.requests_per_second = seconds > 0 ? static_cast<double>(report.ok) / seconds : 0;
  std::vector<std::chrono::nanoseconds> all(shared.echo);
  all.insert(all.end(), shared.compute.begin(), shared.compute.end());
  report.echo = summarise(shared.echo);
  report.compute = summarise(shared.compute);
  report.all = summarise(all);
  return report;
}

}  // namespace safelab::io
