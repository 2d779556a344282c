// src/pairs/concurrency/word_index.h
//
// Topic `word_index`: T threads build one word -> count index from `size`
// documents, each thread its share of the documents. Shared mutable state
// that every thread writes: one dict, partial maps merged, a concurrent
// map, a sharded map, or a data race.
#ifndef SAFELAB_PAIRS_CONCURRENCY_WORD_INDEX_H_
#define SAFELAB_PAIRS_CONCURRENCY_WORD_INDEX_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct WordIndexInput {
  int threads;
  std::vector<std::string> documents;  // words separated by single spaces
};

using WordCounts = std::unordered_map<std::string, std::int64_t>;

// The documents thread `index` indexes.
std::span<const std::string> documents_of(const WordIndexInput& in, int index);

// Calls fn(word) for each space-separated word of `doc`.
template <class Fn>
void for_each_word(std::string_view doc, Fn&& fn) {
  while (!doc.empty()) {
    const std::size_t end = doc.find(' ');
    fn(doc.substr(0, end));
    if (end == std::string_view::npos) break;
    doc.remove_prefix(end + 1);
  }
}

struct WordIndex {
  static constexpr std::string_view name = "word_index";
  static constexpr std::string_view summary =
      "word counts from many documents: one dict, map-reduce, concurrent map, shards, or a race";
  static constexpr std::string_view lab = "";
  static constexpr catalog::Family family = catalog::Family::concurrency;
  static constexpr catalog::Params defaults{.threads = 2, .size = 20'000, .seed = 1};

  using Input = WordIndexInput;
  using Output = WordCounts;

  static Input make_input(const catalog::Params& p);
  static Output reference(const Input& in);  // one map, one thread
  // "words=<total> distinct=<n> digest=<hash of the sorted (word, count)>".
  static std::string show(const Output& counts);
};

WordCounts word_index_python(const WordIndexInput& in);
WordCounts word_index_rust(const WordIndexInput& in);
WordCounts word_index_sharded(const WordIndexInput& in);
WordCounts word_index_tbb(const WordIndexInput& in);
WordCounts word_index_unsafe(const WordIndexInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_CONCURRENCY_WORD_INDEX_H_
