// src/pairs/catalog.h
//
// The catalog: one table of every worked example in safelab.
//
// A *topic* is one problem solved several ways with the same signature (for
// example `count_events`: count N events from T threads). A *variant* solves
// it in one style:
//
//   python         a global lock, reference counting + GC, exceptions
//   rust           ownership, fine-grained locking, Result/Option
//   unsafe         the bug the other two prevent, deliberately broken in
//                  one precise way; only ever run in a child process
//   free-threaded  PEP 703-style per-object locking
//   tbb            oneTBB's parallel algorithms and containers
//   python-async   an asyncio-shaped single-threaded event loop
//
// Every entry carries the verdict the sanitizer suite must reproduce:
// `clean` (no report and the correct result), or the report kind a tool must
// print and a function that must appear in the report's stack.
//
// A topic is a struct (see concurrency/count_events.h) with:
//   static constexpr std::string_view name, summary, lab;
//   static constexpr Family family;
//   static constexpr Params defaults;
//   using Input = ...; using Output = ...;
//   static Input make_input(const Params&);
//   static Output reference(const Input&);   // the correct answer, computed
//                                            // independently of any variant
//   static std::string show(const Output&);
//
// and each variant is a function `Output fn(const Input&)` registered with
// one line:
//
//   SAFELAB_VARIANT(CountEvents, "rust", Style::rust, clean(),
//                   "per-thread counts, merged after join", count_events_rust);
//
// A compile-time check that stands for the topic's defect (a compile-fail
// test of the clang build, tests/compile_fail/NAME.cpp) is registered beside
// the variants, and the detection matrix reads it from here:
//
//   SAFELAB_STATIC_CHECK(CountEvents, Tool::clang_thread_safety, "own_unguarded_access");
#ifndef SAFELAB_PAIRS_CATALOG_H_
#define SAFELAB_PAIRS_CATALOG_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verdict/tool.h"

namespace safelab::catalog {

enum class Family { concurrency, errors, memory, io };
enum class Style { python, python_async, free_threaded, rust, tbb, unsafe };

std::string_view to_string(Family f);
std::string_view to_string(Style s);
std::optional<Family> parse_family(std::string_view s);
std::span<const std::string_view> family_names();

// The verdict vocabulary (sanitizers/verdict/tool.h), named here so that a
// registration reads `reported(Tool::tsan, ...)` after `using namespace
// catalog;`: the same types, not copies.
using verdict::clean;
using verdict::Expectation;
using verdict::reported;
using verdict::Tool;

// Params
//
// The knobs every variant of every topic accepts. `size` means what the topic
// says (events, accounts, documents...); 0 picks the topic's default.
struct Params {
  int threads = 2;
  std::int64_t size = 0;
  std::uint64_t seed = 1;
};

// Outcome
//
// One run of one variant: its printed answer, the correct answer for the same
// input, and the wall time of the variant alone (input generation excluded).
struct Outcome {
  std::string result;
  std::string expected;
  std::chrono::nanoseconds elapsed{};

  bool correct() const { return result == expected; }
};

// Prepared
//
// One variant with its input made and the reference answer computed, for a
// benchmark loop: run() is the part to time, correct() is checked outside it.
class Prepared {
 public:
  virtual ~Prepared() = default;
  virtual void run() = 0;            // the variant alone, on the prepared input
  virtual bool correct() const = 0;  // the last run() gave the reference answer
};

struct Entry {
  std::string_view topic;
  std::string_view variant;
  Family family = Family::concurrency;
  Style style = Style::python;
  Expectation expectation;
  std::string_view summary;        // one line: what this variant does
  std::string_view topic_summary;  // one line: what the topic shows
  std::string_view lab;            // e.g. "labs/01-data-race", or empty
  Params defaults;
  Outcome (*run)(const Params&) = nullptr;
  std::unique_ptr<Prepared> (*prepare)(const Params&) = nullptr;

  std::string id() const { return std::string(topic) + "/" + std::string(variant); }
  bool is_unsafe() const { return style == Style::unsafe; }
};

// entries()
//
// Every registered entry, ordered by family, topic, then style (python
// first, unsafe last), so listings read the same on every run.
const std::vector<Entry>& entries();

// find()
//
// The entry named "topic/variant", or nullptr.
const Entry* find(std::string_view id);

// The distinct topic names, in catalog order.
std::vector<std::string_view> topics();

// judged_under()
//
// The builds the verdict runner judges an entry under (see build_of()):
// Tool::asan (ASan + UBSan + LSan), Tool::tsan, Tool::memcheck (the default
// build under Valgrind). A clean entry is judged under asan and tsan, and
// memory-family entries under memcheck too; an unsafe entry only under the
// build of the tool that must report it.
std::vector<Tool> judged_under(const Entry& entry);

// StaticCheck
//
// A compile-time check that stands for a topic's defect: the compile-fail
// test `test` (CTest compile_fail.<test>, tests/compile_fail/<test>.cpp)
// proves that `tool` (Tool::clang_thread_safety or Tool::cxx_types) refuses
// the topic's bug. A topic without one has none: the honest miss that Rust's
// borrow checker would not have.
struct StaticCheck {
  std::string_view topic;
  Tool tool = Tool::cxx_types;
  std::string_view test;
};

// Every registered static check, ordered by topic then test.
const std::vector<StaticCheck>& static_checks();

// Fills in the defaults for a params struct: size 0 -> the topic's default.
Params resolve(const Entry& entry, Params params);

namespace internal {

struct Registrar {
  explicit Registrar(const Entry& entry);
  explicit Registrar(const StaticCheck& check);
};

template <class Topic, auto Fn>
Outcome run_variant(const Params& params) {
  const auto input = Topic::make_input(params);
  const auto start = std::chrono::steady_clock::now();
  const auto output = Fn(input);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  return {Topic::show(output), Topic::show(Topic::reference(input)),
          std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed)};
}

template <class Topic, auto Fn>
class PreparedVariant final : public Prepared {
 public:
  explicit PreparedVariant(const Params& params)
      : input_(Topic::make_input(params)), expected_(Topic::show(Topic::reference(input_))) {}
  void run() override { output_.emplace(Fn(input_)); }
  bool correct() const override { return output_ && Topic::show(*output_) == expected_; }

 private:
  typename Topic::Input input_;
  std::string expected_;
  std::optional<typename Topic::Output> output_;
};

template <class Topic, auto Fn>
std::unique_ptr<Prepared> prepare_variant(const Params& params) {
  return std::make_unique<PreparedVariant<Topic, Fn>>(params);
}

template <class Topic, auto Fn>
Entry make_entry(std::string_view variant, Style style, Expectation expectation,
                 std::string_view summary) {
  return Entry{Topic::name,
               variant,
               Topic::family,
               style,
               expectation,
               summary,
               Topic::summary,
               Topic::lab,
               Topic::defaults,
               &run_variant<Topic, Fn>,
               &prepare_variant<Topic, Fn>};
}

}  // namespace internal
}  // namespace safelab::catalog

#define SAFELAB_CATALOG_CONCAT_INNER(a, b) a##b
#define SAFELAB_CATALOG_CONCAT(a, b) SAFELAB_CATALOG_CONCAT_INNER(a, b)

// SAFELAB_VARIANT(Topic, "variant", style, expectation, "summary", function)
//
// Registers one variant of a topic. Use at namespace scope in the .cpp that
// defines the function, after `using namespace safelab::catalog;` (style and
// expectation are written as in the catalog: `Style::rust`, `clean()`,
// `reported(Tool::tsan, "data race", "count_events_unsafe")`). The pairs
// library is an OBJECT library, so a registration is never dropped by the
// linker.
#define SAFELAB_VARIANT(Topic, variant, style, expectation, summary, fn)                        \
  static const ::safelab::catalog::internal::Registrar SAFELAB_CATALOG_CONCAT(safelab_variant_, \
                                                                              __LINE__) {       \
    ::safelab::catalog::internal::make_entry<Topic, &fn>(variant, style, expectation, summary)  \
  }

// SAFELAB_STATIC_CHECK(Topic, tool, "compile_fail_test")
//
// Registers a compile-time check of a topic's defect (see StaticCheck), in
// the topic's .cpp beside its variants.
#define SAFELAB_STATIC_CHECK(Topic, tool, test)                                               \
  static const ::safelab::catalog::internal::Registrar SAFELAB_CATALOG_CONCAT(safelab_check_, \
                                                                              __LINE__) {     \
    ::safelab::catalog::StaticCheck { Topic::name, tool, test }                               \
  }

#endif  // SAFELAB_PAIRS_CATALOG_H_
