// The cost of an error, by failure rate: one integer parse per call, four
// ways of saying it failed, one harness. Plus the happy path of Option
// against a pointer-or-null, and parse_config's two parsers on documents.
//
//   parse/result      Result<int32_t, ParseError>  (safelab::err::parse)
//   parse/error_code  int return code + out-parameters (the C way)
//   parse/option      Option<int32_t>              (no reason given)
//   parse/exception   int32_t, throws on failure   (the Python way)
//
// All four accept exactly what safelab::err::parse<int32_t> accepts (one optional
// '+', no "+-", the whole text must be the number) with the same tests on
// the happy path, so that the rows differ only in how failure is reported.
// The inputs are the ones bench/rust/parse_result.rs makes (same generator,
// same seed), so its figures are comparable with parse/result.
//
// Every function is [[gnu::noinline]]: a parse behind a library boundary,
// not one the optimiser can fold into the loop. Arg `fail_per_mille` is the
// failure rate in 0.1% steps (1 = 0.1%, 1000 = every call fails).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "errors/parse_config.h"
#include "safelab/err/checked.h"
#include "safelab/err/option.h"

namespace {

using safelab::err::Option;
using safelab::err::ParseError;
using safelab::err::Result;

// ------------------------------------------------------- the four parses ---

[[gnu::noinline]] Result<std::int32_t, ParseError> parse_result(std::string_view s) {
  return safelab::err::parse<std::int32_t>(s);
}

// The happy path of safelab::err::parse<int32_t>, shared by the three parses
// below: the same inline short-number scan parse() does, and for the texts
// it does not settle, the same converter out of line (one optional '+', no
// "+-", all of `s` used, texts of 4 GiB refused). Returns true with *out set,
// or false with *pos where conversion stopped.
[[gnu::cold, gnu::noinline]] bool convert_general(std::string_view s, std::int32_t* out,
                                                  std::uint32_t* pos) {
  const bool plus = !s.empty() && s.front() == '+';
  const char* first = s.data() + (plus ? 1 : 0);
  const char* last = s.data() + s.size();
  const auto r = std::from_chars(first, last, *out, 10);
  *pos = static_cast<std::uint32_t>(r.ptr - s.data());
  return r.ec == std::errc() && r.ptr == last && !(plus && *first == '-') &&
         s.size() < std::numeric_limits<std::uint32_t>::max();
}

[[gnu::always_inline]] inline bool convert(std::string_view s, std::int32_t* out,
                                           std::uint32_t* pos) {
  using safelab::err::internal::ShortScan;
  std::size_t stop = 0;
  switch (safelab::err::internal::scan_short_decimal(s, *out, stop)) {
    case ShortScan::kNumber: return true;
    case ShortScan::kBadChar: *pos = static_cast<std::uint32_t>(stop); return false;
    case ShortScan::kGeneral: break;
  }
  return convert_general(s, out, pos);
}

// 0 on success; otherwise 1, with *pos where conversion stopped.
[[gnu::noinline]] int parse_error_code(std::string_view s, std::int32_t* out, std::uint32_t* pos) {
  if (!convert(s, out, pos)) [[unlikely]]
    return 1;
  return 0;
}

[[gnu::noinline]] Option<std::int32_t> parse_option(std::string_view s) {
  std::int32_t v = 0;
  std::uint32_t pos = 0;
  if (!convert(s, &v, &pos)) [[unlikely]]
    return safelab::err::none;
  return v;
}

struct ParseFailure : std::invalid_argument {
  ParseFailure(std::uint32_t p) : std::invalid_argument("invalid integer"), position(p) {}
  std::uint32_t position;
};

[[gnu::noinline]] std::int32_t parse_or_throw(std::string_view s) {
  std::int32_t v = 0;
  std::uint32_t pos = 0;
  if (!convert(s, &v, &pos)) [[unlikely]]
    throw ParseFailure(pos);
  return v;
}

// ------------------------------------------------------------- harness ----

// 4096 numbers as text; `fail_per_mille` of them per mille are "12x45"-like.
// The generator is bench/rust/parse_result.rs's 64-bit LCG (Knuth's MMIX
// constants, seed 42), so that both programs parse the same 4096 strings.
std::vector<std::string> make_texts(std::int64_t fail_per_mille) {
  std::uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  std::vector<std::string> texts(4096);
  // Exactly round(4096 * rate) failures, spread evenly, so that 0.1% means
  // 4 failures in the set, not "maybe none".
  const auto failures = static_cast<std::size_t>((4096 * fail_per_mille + 500) / 1000);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    texts[i] = std::to_string(static_cast<std::int64_t>(next() % 2'000'000) - 1'000'000);
  }
  for (std::size_t k = 0; k < failures; ++k) {
    texts[k * texts.size() / failures].insert(2, "x");
  }
  return texts;
}

template <class Parse>
void run_sweep(benchmark::State& state, Parse parse_one) {
  const std::vector<std::string> texts = make_texts(state.range(0));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::int64_t sum = 0;
  std::int64_t errors = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    parse_one(views[i], sum, errors);
    i = (i + 1) & 4095;
  }
  benchmark::DoNotOptimize(sum);
  state.counters["errors"] =
      benchmark::Counter(static_cast<double>(errors), benchmark::Counter::kAvgIterations);
}

void BM_ParseResult(benchmark::State& state) {
  run_sweep(state, [](std::string_view s, std::int64_t& sum, std::int64_t& errors) {
    const auto r = parse_result(s);
    if (r) {
      sum += *r;
    } else {
      errors += r.error().position > 0;  // look at the error, as a caller would
    }
  });
}

void BM_ParseErrorCode(benchmark::State& state) {
  run_sweep(state, [](std::string_view s, std::int64_t& sum, std::int64_t& errors) {
    std::int32_t v = 0;
    std::uint32_t pos = 0;
    if (parse_error_code(s, &v, &pos) == 0) {
      sum += v;
    } else {
      errors += pos > 0;
    }
  });
}

void BM_ParseOption(benchmark::State& state) {
  run_sweep(state, [](std::string_view s, std::int64_t& sum, std::int64_t& errors) {
    const auto r = parse_option(s);
    if (r) {
      sum += *r;
    } else {
      ++errors;
    }
  });
}

void BM_ParseException(benchmark::State& state) {
  run_sweep(state, [](std::string_view s, std::int64_t& sum, std::int64_t& errors) {
    try {
      sum += parse_or_throw(s);
    } catch (const ParseFailure& e) {
      errors += e.position > 0;
    }
  });
}

void sweep_args(benchmark::internal::Benchmark* b) {
  b->ArgName("fail_per_mille");
  for (int rate : {0, 1, 10, 100, 500, 1000}) b->Arg(rate);
}

BENCHMARK(BM_ParseResult)->Name("parse/result")->Apply(sweep_args);
BENCHMARK(BM_ParseErrorCode)->Name("parse/error_code")->Apply(sweep_args);
BENCHMARK(BM_ParseOption)->Name("parse/option")->Apply(sweep_args);
BENCHMARK(BM_ParseException)->Name("parse/exception")->Apply(sweep_args);

// ------------------------------------- Option vs pointer-or-null (happy) ---

const std::vector<std::int64_t>& sorted_keys() {
  static const std::vector<std::int64_t> keys = [] {
    std::vector<std::int64_t> k(1024);
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::int64_t>(3 * i);
    return k;
  }();
  return keys;
}

[[gnu::noinline]] const std::int64_t* find_ptr(const std::vector<std::int64_t>& v,
                                               std::int64_t key) {
  const auto it = std::lower_bound(v.begin(), v.end(), key);
  return it != v.end() && *it == key ? &*it : nullptr;
}

[[gnu::noinline]] Option<const std::int64_t&> find_option(const std::vector<std::int64_t>& v,
                                                          std::int64_t key) {
  const auto it = std::lower_bound(v.begin(), v.end(), key);
  if (it != v.end() && *it == key) return *it;
  return safelab::err::none;
}

void BM_FindPointer(benchmark::State& state) {
  const auto& keys = sorted_keys();
  std::int64_t sum = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    if (const std::int64_t* p = find_ptr(keys, keys[i])) sum += *p;
    i = (i + 7) & 1023;
  }
  benchmark::DoNotOptimize(sum);
}

void BM_FindOption(benchmark::State& state) {
  const auto& keys = sorted_keys();
  std::int64_t sum = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    if (const auto p = find_option(keys, keys[i])) sum += *p;
    i = (i + 7) & 1023;
  }
  benchmark::DoNotOptimize(sum);
}

BENCHMARK(BM_FindPointer)->Name("find/pointer_or_null");
BENCHMARK(BM_FindOption)->Name("find/option");

// ----------------------------------------- parse_config documents, swept ---

// 1024 three-line documents; `fail_per_mille` of them have a bad value.
std::vector<std::string> make_documents(std::int64_t fail_per_mille) {
  std::vector<std::string> docs(1024);
  const auto failures = static_cast<std::size_t>((1024 * fail_per_mille + 500) / 1000);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    docs[i] = "port = " + std::to_string(1000 + i) + "\nthreads=4\ntimeout = 30";
  }
  for (std::size_t k = 0; k < failures; ++k) docs[k * docs.size() / failures] += "x";
  return docs;
}

void BM_ConfigRust(benchmark::State& state) {
  const std::vector<std::string> docs = make_documents(state.range(0));
  std::int64_t ok = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto r = safelab::pairs::parse_document_rust(docs[i]);
    ok += r.has_value();
    i = (i + 1) & 1023;
  }
  benchmark::DoNotOptimize(ok);
}

void BM_ConfigPython(benchmark::State& state) {
  const std::vector<std::string> docs = make_documents(state.range(0));
  std::int64_t ok = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    try {
      const auto c = safelab::pairs::parse_document_python(docs[i]);
      ok += !c.settings.empty();
    } catch (const safelab::pairs::ConfigSyntaxError&) {
    }
    i = (i + 1) & 1023;
  }
  benchmark::DoNotOptimize(ok);
}

BENCHMARK(BM_ConfigRust)->Name("parse_config/rust")->Apply(sweep_args);
BENCHMARK(BM_ConfigPython)->Name("parse_config/python")->Apply(sweep_args);

}  // namespace
