// include/safelab/own/internal/queue_status.h
//
// What one non-blocking step on a Channel's lock-free queue (ArrayQueue,
// ListQueue) did, and what a whole receive did (RecvStatus). The channel
// turns these into the errors of channel_result.h and decides whether to
// wait.
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

// What ChannelState::receive() did.
enum class RecvStatus {
  ok,            // a message was received
  empty,         // Wait::never: nothing queued right now, senders still alive
  timeout,       // Wait::until: nothing arrived in time, senders still alive
  disconnected,  // every sender is gone and the queue is drained
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_QUEUE_STATUS_H_
