// include/safelab/own/internal/backoff.h
//
// How a lock-free operation waits for another thread (after crossbeam's
// Backoff):
//
//   spin()    after losing a compare-exchange race: the winner has already
//             moved on, so retry after a short, growing pause.
//   snooze()  while waiting for another thread to finish a step it has
//             started (write a message it reserved a slot for, link the next
//             block). That thread may have lost its core (three threads on
//             two cores), so after a few pauses yield the core to it.
#ifndef SAFELAB_OWN_INTERNAL_BACKOFF_H_
#define SAFELAB_OWN_INTERNAL_BACKOFF_H_

#include <thread>

namespace safelab::own::internal {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

class Backoff {
 public:
  void spin() noexcept {
    for (unsigned i = 0; i < (1u << (step_ < kSpinLimit ? step_ : kSpinLimit)); ++i) cpu_relax();
    if (step_ <= kSpinLimit) ++step_;
  }

  void snooze() noexcept {
    if (step_ <= kSpinLimit) {
      for (unsigned i = 0; i < (1u << step_); ++i) cpu_relax();
      ++step_;
    } else {
      std::this_thread::yield();
    }
  }

 private:
  static constexpr unsigned kSpinLimit = 6;  // at most 64 pauses in a row
  unsigned step_ = 0;
};

}  // namespace safelab::own::internal

#endif  // SAFELAB_OWN_INTERNAL_BACKOFF_H_
