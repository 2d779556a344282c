// The counting allocator behind measure_peak(); see memory_alloc_counter.h.
#include "memory_alloc_counter.h"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <new>

namespace {

// Written only by measure_peak(), on the benchmark's main thread, while no
// other benchmark thread runs.
bool g_counting = false;
std::size_t g_live = 0;
std::size_t g_peak = 0;

void* allocate(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  if (g_counting) {
    g_live += malloc_usable_size(p);
    g_peak = std::max(g_peak, g_live);
  }
  return p;
}

void deallocate(void* p) noexcept {
  if (p == nullptr) return;
  if (g_counting) {
    const std::size_t size = malloc_usable_size(p);
    g_live = g_live > size ? g_live - size : 0;  // blocks from before counting started
  }
  std::free(p);
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }

namespace safelab::bench {

std::size_t measure_peak(const std::function<void()>& fn) {
  g_live = 0;
  g_peak = 0;
  g_counting = true;
  fn();
  g_counting = false;
  return g_peak;
}

}  // namespace safelab::bench
