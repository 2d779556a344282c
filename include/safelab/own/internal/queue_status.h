// include/safelab/own/internal/queue_status.h
//
// What one non-blocking step on a Channel's lock-free queue (ArrayQueue,
// ListQueue) did. The channel turns these into SendStatus / RecvStatus and
// decides whether to wait.
#ifndef SAFELAB_OWN_INTERNAL_QUEUE_STATUS_H_
#define SAFELAB_OWN_INTERNAL_QUEUE_STATUS_H_

namespace safelab::own::internal {

enum class PushStatus {
  ok,            // the message is queued
  full,          // a bounded queue at capacity; the message was not moved
  disconnected,  // the queue was closed; the message was not moved
};

enum class PopStatus {
  ok,            // a message was moved out
  empty,         // nothing queued, the queue is open
  disconnected,  // nothing queued and the queue is closed
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_QUEUE_STATUS_H_
