// Topic `pipeline`, four ways. One producer fills buffers, T workers
// checksum them; every variant must produce the same sum.
//
//   python  a queue.Queue-like bounded queue: a lock and two conditions,
//           all blocking done with the GIL released (AllowThreads), every
//           byte of "Python" work under the GIL. Correct; the checksums
//           are serialised by the GIL.
//   rust    a bounded mpmc own::channel of move-only buffers: once sent,
//           the producer no longer has the buffer, so it cannot touch it.
//   tbb     tbb::parallel_pipeline: serial input, parallel checksum, serial
//           sum, at most 2T buffers in flight.
//   unsafe  the producer hands a raw pointer to the worker, which frees the
//           buffer when done; the producer then stamps "its" buffer again.
//           BROKEN ON PURPOSE: AddressSanitizer reports heap-use-after-free
//           in pipeline_unsafe_produce, on every run (the producer waits
//           for the worker's acknowledgement before its stray write).
#include "pipeline.h"

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <tbb/parallel_pipeline.h>

#include "safelab/gil/gil.h"
#include "safelab/own/channel.h"
#include "safelab/own/scope.h"
#include "tbb_threads.h"

namespace safelab::pairs {

void fill_buffer(std::uint64_t seed, std::int64_t index, std::vector<std::uint8_t>& out) {
  out.resize(kBufferBytes);
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(index) + 1;
  for (std::uint8_t& b : out) {
    x ^= x << 13;  // xorshift64
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x);
  }
}

std::uint64_t checksum(const std::vector<std::uint8_t>& bytes) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (std::uint8_t b : bytes) h = (h ^ b) * 1099511628211ULL;
  return h;
}

std::uint64_t Pipeline::reference(const PipelineInput& in) {
  std::uint64_t sum = 0;
  std::vector<std::uint8_t> buf;
  for (std::int64_t i = 0; i < in.buffers; ++i) {
    fill_buffer(in.seed, i, buf);
    sum += checksum(buf);
  }
  return sum;
}

namespace {

// queue.Queue(maxsize): a mutex and two conditions. Every wait happens
// inside AllowThreads, as CPython's lock acquire releases the GIL.
class GilQueue {
 public:
  explicit GilQueue(std::size_t capacity) : capacity_(capacity) {}

  void put(gil::ThreadState& ts, std::optional<std::vector<std::uint8_t>> item) {
    gil::AllowThreads allow(ts);
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  // nullopt is the end-of-stream marker (Python: a None sentinel).
  std::optional<std::vector<std::uint8_t>> get(gil::ThreadState& ts) {
    gil::AllowThreads allow(ts);
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    auto item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<std::optional<std::vector<std::uint8_t>>> items_;
};

// A buffer that can only be moved: handing it over gives it away.
struct Buffer {
  std::vector<std::uint8_t> bytes;
  Buffer() = default;
  Buffer(Buffer&&) = default;
  Buffer& operator=(Buffer&&) = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
};

}  // namespace

// python: producer and workers are threads of one interpreter.
std::uint64_t pipeline_python(const PipelineInput& in) {
  gil::Gil gil;
  GilQueue queue(static_cast<std::size_t>(2 * in.threads));
  std::uint64_t total = 0;  // a Python int: GIL-protected
  {
    std::vector<std::jthread> threads;
    threads.emplace_back([&] {
      gil::ThreadState ts(gil, "producer");
      for (std::int64_t i = 0; i < in.buffers; ++i) {
        std::vector<std::uint8_t> buf;
        fill_buffer(in.seed, i, buf);
        ts.tick();
        queue.put(ts, std::move(buf));
      }
      for (int w = 0; w < in.threads; ++w) queue.put(ts, std::nullopt);
    });
    for (int w = 0; w < in.threads; ++w) {
      threads.emplace_back([&] {
        gil::ThreadState ts(gil, "worker");
        while (auto buf = queue.get(ts)) {
          const std::uint64_t c = checksum(*buf);
          ts.tick();
          total += c;
        }
      });
    }
  }
  return total;
}

// rust: a bounded channel of move-only buffers; results through another.
std::uint64_t pipeline_rust(const PipelineInput& in) {
  // Plain pairs, not structured bindings: Clang 14 cannot capture those.
  auto work = own::bounded_mpmc_channel<Buffer>(static_cast<std::size_t>(2 * in.threads));
  auto sums = own::channel<std::uint64_t>();
  own::Sender<Buffer>& work_tx = work.first;
  own::SharedReceiver<Buffer>& work_rx = work.second;
  own::Sender<std::uint64_t>& sum_tx = sums.first;
  own::Receiver<std::uint64_t>& sum_rx = sums.second;
  own::scope([&](own::Scope& s) {
    s.spawn(
        [&in](own::Sender<Buffer> out) {
          for (std::int64_t i = 0; i < in.buffers; ++i) {
            Buffer b;
            fill_buffer(in.seed, i, b.bytes);
            if (!out.send(std::move(b))) return;  // `b` is gone: no use after send
          }
        },
        std::move(work_tx));
    for (int w = 0; w < in.threads; ++w) {
      s.spawn(
          // Each consumer owns its receiver handle, as a Rust thread would.
          // NOLINTNEXTLINE(performance-unnecessary-value-param)
          [](own::SharedReceiver<Buffer> inbox, own::Sender<std::uint64_t> results) {
            std::uint64_t sum = 0;
            for (Buffer& b : inbox) sum += checksum(b.bytes);
            results.send(std::uint64_t{sum}).expect("the receiver outlives every sender");
          },
          work_rx, sum_tx);
    }
    work_rx = {};  // only the workers' copies remain
    sum_tx = {};
  });
  std::uint64_t total = 0;
  for (std::uint64_t part : sum_rx) total += part;
  return total;
}

// tbb: the library runs the stages; tokens bound the buffers in flight.
std::uint64_t pipeline_tbb(const PipelineInput& in) {
  TbbThreads arena(in.threads + 1);  // T + 1 threads, even above the core count
  std::uint64_t total = 0;
  std::int64_t next = 0;
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<std::size_t>(2 * in.threads),
        tbb::make_filter<void, std::shared_ptr<std::vector<std::uint8_t>>>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> std::shared_ptr<std::vector<std::uint8_t>> {
              if (next == in.buffers) {
                fc.stop();
                return nullptr;
              }
              auto buf = std::make_shared<std::vector<std::uint8_t>>();
              fill_buffer(in.seed, next++, *buf);
              return buf;
            }) &
            tbb::make_filter<std::shared_ptr<std::vector<std::uint8_t>>, std::uint64_t>(
                tbb::filter_mode::parallel,
                [](const std::shared_ptr<std::vector<std::uint8_t>>& buf) {
                  return checksum(*buf);
                }) &
            tbb::make_filter<std::uint64_t, void>(tbb::filter_mode::serial_out_of_order,
                                                  [&](std::uint64_t c) { total += c; }));
  });
  return total;
}

namespace {

// The hand-off of the unsafe variant: a raw pointer through a locked queue,
// and an acknowledgement per buffer once the worker has freed it.
struct RawChannel {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::vector<std::uint8_t>*> items;  // nullptr = end of stream
  std::int64_t freed = 0;
};

// BROKEN ON PURPOSE: after sending `buf`, the producer writes into it again
// ("stamping" the next sequence number), but the worker owns and frees it.
[[gnu::noinline]] void pipeline_unsafe_produce(const PipelineInput& in, RawChannel& ch) {
  for (std::int64_t i = 0; i < in.buffers; ++i) {
    auto* buf = new std::vector<std::uint8_t>();
    fill_buffer(in.seed, i, *buf);
    {
      std::lock_guard lock(ch.mu);
      ch.items.push_back(buf);
    }
    ch.cv.notify_all();
    std::unique_lock lock(ch.mu);
    ch.cv.wait(lock, [&] { return ch.freed > i; });  // the worker is done with it
    lock.unlock();
    (*buf)[0] = static_cast<std::uint8_t>(i);  // <-- use after send: freed already
  }
  {
    std::lock_guard lock(ch.mu);
    for (int w = 0; w < in.threads; ++w) ch.items.push_back(nullptr);
  }
  ch.cv.notify_all();
}

}  // namespace

// unsafe: ownership passed by raw pointer, and kept anyway.
std::uint64_t pipeline_unsafe(const PipelineInput& in) {
  RawChannel ch;
  std::uint64_t total = 0;
  std::mutex total_mu;
  {
    std::vector<std::jthread> threads;
    threads.emplace_back([&] { pipeline_unsafe_produce(in, ch); });
    for (int w = 0; w < in.threads; ++w) {
      threads.emplace_back([&] {
        for (;;) {
          std::unique_lock lock(ch.mu);
          ch.cv.wait(lock, [&] { return !ch.items.empty(); });
          std::vector<std::uint8_t>* buf = ch.items.front();
          ch.items.pop_front();
          lock.unlock();
          if (buf == nullptr) return;
          const std::uint64_t c = checksum(*buf);
          delete buf;  // the worker owns what it received
          {
            std::lock_guard hold(total_mu);
            total += c;
          }
          {
            std::lock_guard hold(ch.mu);
            ++ch.freed;
          }
          ch.cv.notify_all();
        }
      });
    }
  }
  return total;
}

using namespace catalog;
SAFELAB_VARIANT(Pipeline, "python", Style::python, clean(),
                "queue.Queue-like locked queue; waits release the GIL", pipeline_python);
SAFELAB_VARIANT(Pipeline, "rust", Style::rust, clean(), "bounded mpmc channel of move-only buffers",
                pipeline_rust);
SAFELAB_VARIANT(Pipeline, "tbb", Style::tbb, clean(),
                "tbb::parallel_pipeline: serial in, parallel checksum, serial sum", pipeline_tbb);
SAFELAB_VARIANT(Pipeline, "unsafe", Style::unsafe,
                reported(Tool::asan, "heap-use-after-free", "pipeline_unsafe_produce"),
                "the producer writes a buffer after handing it (and its ownership) over",
                pipeline_unsafe);

}  // namespace safelab::pairs
