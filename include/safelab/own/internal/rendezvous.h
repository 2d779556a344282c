// include/safelab/own/internal/rendezvous.h
//
// Rendezvous<T>: the zero-capacity channel under bounded_channel(0) (Rust's
// sync_channel(0), crossbeam-channel's zero flavour). There is no buffer: a
// message goes straight from a sender's hands into a waiting receiver's.
//
//   send     hands the message to a receiver already waiting, or waits in
//            line until one comes and takes it; returns once it has.
//   try_send succeeds only if a receiver is already waiting (else kFull).
//   recv     takes the message of the first waiting sender, or waits in line
//            until a sender hands it one.
//   try_recv succeeds only if a sender is already waiting (else kEmpty).
//
// A waiting thread is a Packet on its own stack, linked into one of two FIFO
// lines under one mutex: the thread that completes the exchange moves the
// message, marks the packet done and wakes that one thread (its own
// condition variable, so nobody else wakes for nothing). The hand-off needs
// both threads anyway, so the lock costs little beside the wake-up; the
// lock-free queues serve the buffered channels.
//
// Closing (the last sender or the last receiver gone) wakes every waiter: a
// waiting sender gets its message back, a waiting receiver "disconnected".
#ifndef SAFELAB_OWN_INTERNAL_RENDEZVOUS_H_
#define SAFELAB_OWN_INTERNAL_RENDEZVOUS_H_

#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "safelab/own/annotated_mutex.h"
#include "safelab/own/cond_var.h"
#include "safelab/own/internal/deadline.h"
#include "safelab/own/internal/queue_status.h"

namespace safelab::own::internal {

template <class T>
class Rendezvous {
 public:
  Rendezvous() = default;
  Rendezvous(const Rendezvous&) = delete;
  Rendezvous& operator=(const Rendezvous&) = delete;

  // Rendezvous::send()
  //
  // Hands `value` (moving from it) to a receiver: one already waiting, or,
  // if `block`, the first to come. Leaves it untouched on `full` (!block and
  // nobody waiting) and on `disconnected` (closed now or while waiting).
  PushStatus send(T& value, bool block) {
    LockGuard hold(mu_);
    if (closed_) return PushStatus::disconnected;
    if (Packet* receiver = pop_front(receivers_)) {
      receiver->out->emplace(std::move(value));
      complete(*receiver);
      return PushStatus::ok;
    }
    if (!block) return PushStatus::full;
    Packet me;
    me.in = &value;
    push_back(senders_, me);
    while (!me.done && !closed_) me.cv.wait(mu_);
    if (me.done) return PushStatus::ok;
    remove(senders_, me);
    return PushStatus::disconnected;
  }

  // Rendezvous::receive()
  //
  // Takes the message of the first waiting sender into `out`; with `block`,
  // waits for one (until `deadline` if `timed`).
  RecvStatus receive(std::optional<T>& out, bool block, bool timed,
                     TimedWaitClock::time_point deadline) {
    LockGuard hold(mu_);
    if (Packet* sender = pop_front(senders_)) {
      out.emplace(std::move(*sender->in));
      complete(*sender);
      return RecvStatus::ok;
    }
    if (closed_) return RecvStatus::disconnected;
    if (!block) return RecvStatus::empty;
    Packet me;
    me.out = &out;
    push_back(receivers_, me);
    while (!me.done && !closed_) {
      if (!timed) {
        me.cv.wait(mu_);
      } else if (!me.cv.wait_until(mu_, deadline)) {
        break;  // timed out; `done` is checked below, under the lock
      }
    }
    if (me.done) return RecvStatus::ok;
    remove(receivers_, me);
    return closed_ ? RecvStatus::disconnected : RecvStatus::timeout;
  }

  // Rendezvous::close()
  //
  // Makes every later exchange fail and wakes every waiter.
  void close() noexcept {
    LockGuard hold(mu_);
    closed_ = true;
    for (Packet* p = senders_.first; p != nullptr; p = p->next) p->cv.notify_one();
    for (Packet* p = receivers_.first; p != nullptr; p = p->next) p->cv.notify_one();
  }

 private:
  // One waiting thread, on its stack. Its fields are read and written under
  // mu_ only (the analysis cannot name the outer mutex here).
  struct Packet {
    T* in = nullptr;                  // a sender's message
    std::optional<T>* out = nullptr;  // where a receiver wants it
    bool done = false;                // the exchange happened
    Packet* next = nullptr;
    CondVar cv;
  };
  struct Line {
    Packet* first = nullptr;
    Packet* last = nullptr;
  };

  // The caller holds mu_ (the three helpers take a Line guarded by it).
  static Packet* pop_front(Line& line) noexcept {
    Packet* p = line.first;
    if (p != nullptr) {
      line.first = p->next;
      if (line.first == nullptr) line.last = nullptr;
    }
    return p;
  }
  static void push_back(Line& line, Packet& p) noexcept {
    if (line.last == nullptr) {
      line.first = &p;
    } else {
      line.last->next = &p;
    }
    line.last = &p;
  }
  // Unlinks a packet that gave up (timeout, close); O(waiters), rare.
  static void remove(Line& line, Packet& p) noexcept {
    Packet* prev = nullptr;
    for (Packet* q = line.first; q != nullptr; prev = q, q = q->next) {
      if (q != &p) continue;
      (prev == nullptr ? line.first : prev->next) = q->next;
      if (line.last == q) line.last = prev;
      return;
    }
  }
  // Notified under the lock: the packet lives on its owner's stack, and the
  // owner may return (and the packet die) as soon as it sees `done`.
  static void complete(Packet& p) noexcept {
    p.done = true;
    p.cv.notify_one();
  }

  AnnotatedMutex mu_;
  Line senders_ ABSL_GUARDED_BY(mu_);
  Line receivers_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_RENDEZVOUS_H_
