// include/safelab/own/internal/deadline.h
//
// The deadline of every timed wait in own (recv_for, try_lock_for, the RwLock
// timed tries, CondVar::wait_until), after Rust's Instant: measured on the
// monotonic std::chrono::steady_clock, so a jump of the wall clock neither
// stretches nor cuts a wait.
//
//   TimedWaitClock        the clock every timed wait measures against
//   deadline_after(t)     now + t, or nullopt when that does not fit the clock
//
// Why saturating: `now() + seconds::max()` overflows the clock's signed
// count (undefined behaviour; in practice a deadline in the past, so the wait
// gave up at once). Rust's `recv_timeout(Duration::MAX)` instead falls back to
// an untimed wait when `Instant::now().checked_add(timeout)` is None, as does
// parking_lot's `to_deadline`; deadline_after() returns nullopt for that case
// and every caller then waits without a deadline.
#ifndef SAFELAB_OWN_INTERNAL_DEADLINE_H_
#define SAFELAB_OWN_INTERNAL_DEADLINE_H_

#include <chrono>
#include <optional>
#include <ratio>

namespace safelab::own::internal {

using TimedWaitClock = std::chrono::steady_clock;
static_assert(TimedWaitClock::is_steady, "timed waits need a monotonic clock");

// deadline_after()
//
// `now + timeout` on TimedWaitClock; a zero or negative timeout gives `now`.
// Returns nullopt ("wait forever") when the sum would come within a second of
// the clock's largest time point. The comparison is made in the coarser of the
// two units, so that no conversion on the way overflows either (seconds::max()
// in nanoseconds does not fit); the one-second margin absorbs rounding of
// floating-point durations.
template <class Rep, class Period>
std::optional<TimedWaitClock::time_point> deadline_after(
    const std::chrono::duration<Rep, Period>& timeout) noexcept {
  using std::chrono::duration_cast;
  using Ticks = TimedWaitClock::duration;
  using Timeout = std::chrono::duration<Rep, Period>;
  const TimedWaitClock::time_point now = TimedWaitClock::now();
  if (timeout <= Timeout::zero()) return now;
  const Ticks headroom = (TimedWaitClock::time_point::max() - now) - std::chrono::seconds(1);
  if constexpr (std::ratio_greater_equal_v<Period, Ticks::period>) {
    if (timeout >= duration_cast<Timeout>(headroom)) return std::nullopt;
  } else {
    if (duration_cast<Ticks>(timeout) >= headroom) return std::nullopt;
  }
  return now + std::chrono::ceil<Ticks>(timeout);
}

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_DEADLINE_H_
