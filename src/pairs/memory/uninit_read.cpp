// Topic `uninit_read`, three ways.
//
//   python  a list built from the samples (every Python object exists only
//           once initialised: there is no way to name an uninitialised one).
//   rust    a std::vector constructed from the samples: initialised by
//           construction, like Rust's `Vec::from` / `vec![0; n]`; Rust
//           rejects a read of a possibly-uninitialised binding at compile
//           time, and MaybeUninit makes the unsafe alternative explicit.
//   unsafe  `new std::int32_t[n]` (default-initialised: indeterminate
//           values), filled by a loop with an off-by-one bound. The count
//           then branches on the never-written last element: Valgrind
//           memcheck reports "Conditional jump or move depends on
//           uninitialised value(s)" in uninit_read_unsafe. (ASan does not
//           detect this class at all; MSan would.)
#include "uninit_read.h"

#include <algorithm>
#include <memory>
#include <random>

namespace safelab::pairs {

UninitReadInput UninitRead::make_input(const catalog::Params& p) {
  std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
  UninitReadInput in;
  in.samples.resize(static_cast<std::size_t>(p.size));
  for (std::int32_t& s : in.samples) s = static_cast<std::int32_t>(gen() % 10'000);
  in.threshold = 9'000;
  return in;
}

std::int64_t UninitRead::reference(const UninitReadInput& in) {
  std::int64_t n = 0;
  for (const std::int32_t s : in.samples) n += s >= in.threshold ? 1 : 0;
  return n;
}

// python: a list of initialised values.
std::int64_t uninit_read_python(const UninitReadInput& in) {
  const std::vector<std::int32_t> buffer(in.samples.begin(), in.samples.end());  // list(samples)
  return std::count_if(buffer.begin(), buffer.end(),
                       [&](std::int32_t s) { return s >= in.threshold; });
}

// rust: value-initialised storage, then filled.
std::int64_t uninit_read_rust(const UninitReadInput& in) {
  std::vector<std::int32_t> buffer(in.samples.size());  // zeroed: vec![0; n]
  std::copy(in.samples.begin(), in.samples.end(), buffer.begin());
  std::int64_t n = 0;
  for (const std::int32_t s : buffer) n += s >= in.threshold ? 1 : 0;
  return n;
}

// unsafe: the last element is never written. BROKEN ON PURPOSE.
[[gnu::noinline]] std::int64_t uninit_read_unsafe(const UninitReadInput& in) {
  const std::size_t n = in.samples.size();
  std::unique_ptr<std::int32_t[]> buffer(new std::int32_t[n]);        // indeterminate values
  for (std::size_t i = 0; i + 1 < n; ++i) buffer[i] = in.samples[i];  // <-- off by one
  std::int64_t above = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (buffer[i] >= in.threshold) {  // <-- branches on buffer[n - 1], never written
      // The empty volatile asm keeps this a real conditional jump: without
      // it, -O2 turns the branch into a branch-free select or a vector
      // compare, and memcheck would only complain later, elsewhere.
      asm volatile("");
      ++above;
    }
  }
  return above;
}

using namespace catalog;
SAFELAB_VARIANT(UninitRead, "python", Style::python, clean(),
                "a list built from the samples: nothing exists uninitialised", uninit_read_python);
SAFELAB_VARIANT(UninitRead, "rust", Style::rust, clean(),
                "a vector initialised by construction, then filled", uninit_read_rust);
SAFELAB_VARIANT(UninitRead, "unsafe", Style::unsafe,
                reported(Tool::memcheck, "uninitialised value", "uninit_read_unsafe"),
                "new int[n] filled up to n - 1, then every element compared", uninit_read_unsafe);

}  // namespace safelab::pairs
