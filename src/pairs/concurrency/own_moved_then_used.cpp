// Topic `moved_then_used`, three ways. Producers, batches and the consumer's
// work are the same in every variant; what differs is how a batch changes
// hands and when the producer reads it for its checksum.
//
//   python  batches are shared, reference-counted objects in a queue behind
//           one global lock (queue.Queue under the GIL); the producer reads
//           its checksum value before putting the batch in the queue.
//   rust    own::channel<std::unique_ptr<Batch>>: send() takes the batch by
//           move, the producer's handle is empty afterwards, so the checksum
//           is read before the hand-off. Correct.
//   unsafe  the same channel, but the producer keeps a raw pointer to the
//           batch and reads its last value *after* send(). The consumer owns
//           the batch by then and rewrites it (prefix sums): ThreadSanitizer
//           reports "data race" in moved_then_used_unsafe, and the checksum
//           may pick up a prefix sum instead of the raw value.
//
// The consumer keeps every batch until the end, so the unsafe read can race
// but never touch freed memory, and two RaceBarriers line up one late read
// with the consumer's rewrite: the report is the race, every run.
#include "own_moved_then_used.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

#include "../race_barrier.h"
#include "safelab/own/channel.h"
#include "safelab/own/scope.h"

namespace safelab::pairs {

std::vector<std::int64_t> make_batch_values(int producer, std::int64_t first, std::int64_t count) {
  std::vector<std::int64_t> values(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    values[static_cast<std::size_t>(i)] = (producer + 1) * 1000 + (first + i) % 997;
  }
  return values;
}

namespace {

struct Batch {
  int producer;
  std::int64_t first;  // index of the first value: which batch this is
  std::vector<std::int64_t> values;
};

// Calls fn(first, count) for each batch of one producer's values.
template <class F>
void for_each_batch(std::int64_t per_producer, F&& fn) {
  for (std::int64_t first = 0; first < per_producer; first += kMovedThenUsedBatch) {
    fn(first, std::min(kMovedThenUsedBatch, per_producer - first));
  }
}

// The consumer's work on a batch it owns: prefix sums in place; the batch
// total is the last one.
std::int64_t consume(Batch& batch) {
  std::partial_sum(batch.values.begin(), batch.values.end(), batch.values.begin());
  return batch.values.empty() ? 0 : batch.values.back();
}

}  // namespace

MovedThenUsedOutput MovedThenUsed::reference(const MovedThenUsedInput& in) {
  MovedThenUsedOutput out;
  for (int p = 0; p < in.producers; ++p) {
    for_each_batch(in.per_producer, [&](std::int64_t first, std::int64_t count) {
      const auto values = make_batch_values(p, first, count);
      for (std::int64_t v : values) out.total += v;
      out.checksum += values.back();
    });
  }
  return out;
}

// python: a locked queue of shared objects, and one lock for all of it.
MovedThenUsedOutput moved_then_used_python(const MovedThenUsedInput& in) {
  std::mutex gil;
  std::condition_variable changed;
  std::deque<std::shared_ptr<Batch>> queue;
  int producers_left = in.producers;
  std::vector<std::int64_t> checksums(static_cast<std::size_t>(in.producers), 0);
  MovedThenUsedOutput out;
  {
    std::vector<std::jthread> threads;
    for (int p = 0; p < in.producers; ++p) {
      threads.emplace_back([&, p] {
        for_each_batch(in.per_producer, [&](std::int64_t first, std::int64_t count) {
          auto batch = std::make_shared<Batch>(Batch{p, first, make_batch_values(p, first, count)});
          std::lock_guard hold(gil);
          checksums[static_cast<std::size_t>(p)] += batch->values.back();  // before put()
          queue.push_back(std::move(batch));
          changed.notify_one();
        });
        std::lock_guard hold(gil);
        --producers_left;
        changed.notify_one();
      });
    }
    std::vector<std::shared_ptr<Batch>> kept;
    std::unique_lock hold(gil);
    for (;;) {
      changed.wait(hold, [&] { return !queue.empty() || producers_left == 0; });
      if (queue.empty()) break;
      kept.push_back(std::move(queue.front()));
      queue.pop_front();
      out.total += consume(*kept.back());
    }
  }
  for (std::int64_t c : checksums) out.checksum += c;
  return out;
}

// rust: the batch moves through a channel; the producer reads first.
MovedThenUsedOutput moved_then_used_rust(const MovedThenUsedInput& in) {
  // A named pair, not a structured binding: Clang < 16 cannot capture one.
  auto chan = own::channel<std::unique_ptr<Batch>>();
  auto& tx = chan.first;
  auto& rx = chan.second;
  std::vector<std::int64_t> checksums(static_cast<std::size_t>(in.producers), 0);
  MovedThenUsedOutput out;
  own::scope([&](own::Scope& s) {
    for (int p = 0; p < in.producers; ++p) {
      s.spawn(
          [&, p](own::Sender<std::unique_ptr<Batch>> out_tx) {
            for_each_batch(in.per_producer, [&](std::int64_t first, std::int64_t count) {
              auto batch =
                  std::make_unique<Batch>(Batch{p, first, make_batch_values(p, first, count)});
              checksums[static_cast<std::size_t>(p)] += batch->values.back();  // before send
              if (!out_tx.send(std::move(batch))) return;                      // batch is empty now
            });
          },
          tx);
    }
    tx = {};  // the producers' copies are the only senders left
    std::vector<std::unique_ptr<Batch>> kept;
    for (std::unique_ptr<Batch>& batch : rx) {
      out.total += consume(*batch);
      kept.push_back(std::move(batch));
    }
  });
  for (std::int64_t c : checksums) out.checksum += c;
  return out;
}

// unsafe: reads the batch after handing it over. BROKEN ON PURPOSE.
[[gnu::noinline]] MovedThenUsedOutput moved_then_used_unsafe(const MovedThenUsedInput& in) {
  auto chan = own::channel<std::unique_ptr<Batch>>();
  auto& tx = chan.first;
  auto& rx = chan.second;
  std::vector<std::int64_t> checksums(static_cast<std::size_t>(in.producers), 0);
  MovedThenUsedOutput out;
  // Producer 0's first batch: its late reader waits until its new owner has
  // rewritten it, so the race shows on every run (a later send would
  // otherwise sometimes order the two through the channel's lock). The new
  // owner then waits for that read, so that however late the reader is
  // scheduled, the rewrite is still in ThreadSanitizer's recent history
  // (a report whose earlier access has left the history is dropped).
  RaceBarrier handed_over(2);
  RaceBarrier read_late(2);

  own::scope([&](own::Scope& s) {
    for (int p = 0; p < in.producers; ++p) {
      s.spawn(
          [&, p](own::Sender<std::unique_ptr<Batch>> out_tx) {
            for_each_batch(in.per_producer, [&](std::int64_t first, std::int64_t count) {
              auto batch =
                  std::make_unique<Batch>(Batch{p, first, make_batch_values(p, first, count)});
              const Batch* sent = batch.get();  // kept past the hand-off
              if (!out_tx.send(std::move(batch))) return;
              if (p == 0 && first == 0) handed_over.wait();                   // see above
              checksums[static_cast<std::size_t>(p)] += sent->values.back();  // <-- the race
              if (p == 0 && first == 0) read_late.wait();
            });
          },
          tx);
    }
    tx = {};
    std::vector<std::unique_ptr<Batch>> kept;
    for (std::unique_ptr<Batch>& batch : rx) {
      out.total += consume(*batch);
      if (batch->producer == 0 && batch->first == 0) {
        handed_over.wait();
        read_late.wait();
      }
      kept.push_back(std::move(batch));
    }
  });
  for (std::int64_t c : checksums) out.checksum += c;
  return out;
}

using namespace catalog;
SAFELAB_VARIANT(MovedThenUsed, "python", Style::python, clean(),
                "shared batches in a locked queue; the checksum is read before put()",
                moved_then_used_python);
SAFELAB_VARIANT(MovedThenUsed, "rust", Style::rust, clean(),
                "own::channel<unique_ptr<Batch>>: ownership moves, read before send",
                moved_then_used_rust);
SAFELAB_VARIANT(MovedThenUsed, "unsafe", Style::unsafe,
                reported(Tool::tsan, "data race", "moved_then_used_unsafe"),
                "keeps a raw pointer to the batch and reads it after send()",
                moved_then_used_unsafe);
// Channel::send refuses non-owning views (Sendable).
SAFELAB_STATIC_CHECK(MovedThenUsed, Tool::cxx_types, "own_send_string_view");

}  // namespace safelab::pairs
