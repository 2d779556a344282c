// start_event_loop_server(): the `python-async` shape. One thread, one
// io_context, the GIL held from the first handler to the last, as an asyncio
// program's one thread holds it (nothing else in the process wants it).
#include "async_server.h"
#include "safelab/gil/gil.h"

namespace safelab::io {
namespace {

class EventLoopServer final : public internal::AsyncServer {
 public:
  EventLoopServer(const ServerOptions& options, gil::Gil& gil)
      : AsyncServer(options, /*threads=*/1, /*strand_per_connection=*/false), gil_(gil) {}

  // Stops here, not in ~AsyncServer: the loop thread runs this class's
  // run_thread(), which must not outlive it.
  ~EventLoopServer() override { stop(); }

 private:
  void run_thread(boost::asio::io_context& io) override {
    gil::ThreadState ts(gil_, "event-loop");
    state_ = &ts;
    io.run();
    state_ = nullptr;
  }

  // Only the loop thread runs handlers, so only it reaches here.
  void at_boundary() override { state_->tick(); }

  gil::Gil& gil_;
  gil::ThreadState* state_ = nullptr;  // the loop thread's, while it runs
};

}  // namespace

std::unique_ptr<Server> start_event_loop_server(const ServerOptions& options, gil::Gil& gil) {
  auto server = std::make_unique<EventLoopServer>(options, gil);
  server->start();
  return server;
}

}  // namespace safelab::io
