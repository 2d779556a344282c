// Topic `word_index`, five ways. Every variant reads the same documents and
// must produce the same counts.
//
//   python   one dict shared by all threads; every update is a few
//            bytecodes under the GIL (tick() per word): correct, serial.
//   rust     map-reduce: each scoped thread owns a partial map and moves
//            it back through a channel; the maps are merged after.
//   sharded  16 shards, each a Mutex<map>: a word locks only its shard.
//   tbb      tbb::concurrent_hash_map; each thread pre-aggregates what it
//            counts and takes one per-element accessor per distinct word.
//   unsafe   one std::unordered_map incremented by every thread without a
//            lock. BROKEN ON PURPOSE: ThreadSanitizer reports "data race" in
//            word_index_unsafe_insert. The map is pre-filled with every word
//            first, so the race corrupts counts only, never the table's
//            structure: a racing rehash could crash or loop instead of
//            being reported, and a verdict must be the same on every run.
#include "word_index.h"

#include <algorithm>
#include <array>
#include <functional>
#include <random>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/concurrent_hash_map.h>
#include <tbb/concurrent_vector.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_for_each.h>

#include "../race_barrier.h"
#include "safelab/gil/gil.h"
#include "safelab/own/channel.h"
#include "safelab/own/mutex.h"
#include "safelab/own/scope.h"
#include "tbb_threads.h"

namespace safelab::pairs {

WordIndexInput WordIndex::make_input(const catalog::Params& p) {
  // A vocabulary of 4096 made-up words, drawn with a skewed (Zipf-like)
  // distribution so that a few words are hot, as in real text.
  std::mt19937_64 gen(p.seed);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 4096; ++i) {
    std::string w;
    for (int len = 3 + static_cast<int>(gen() % 6); len > 0; --len) {
      w += static_cast<char>('a' + gen() % 26);
    }
    vocabulary.push_back(w + std::to_string(i));  // unique
  }
  WordIndexInput in{p.threads, {}};
  in.documents.reserve(static_cast<std::size_t>(p.size));
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::int64_t d = 0; d < p.size; ++d) {
    std::string doc;
    for (int w = 0; w < 40; ++w) {
      const double x = u(gen);
      const auto idx = static_cast<std::size_t>(x * x * x * static_cast<double>(vocabulary.size()));
      if (!doc.empty()) doc += ' ';
      doc += vocabulary[std::min(idx, vocabulary.size() - 1)];
    }
    in.documents.push_back(std::move(doc));
  }
  return in;
}

WordCounts WordIndex::reference(const WordIndexInput& in) {
  WordCounts counts;
  for (const std::string& doc : in.documents) {
    for_each_word(doc, [&](std::string_view w) { ++counts[std::string(w)]; });
  }
  return counts;
}

std::string WordIndex::show(const WordCounts& counts) {
  std::vector<std::pair<std::string_view, std::int64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end());
  std::int64_t total = 0;
  std::uint64_t digest = 1469598103934665603ULL;  // FNV-1a
  for (const auto& [word, n] : sorted) {
    total += n;
    for (char c : word) digest = (digest ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    digest = (digest ^ static_cast<std::uint64_t>(n)) * 1099511628211ULL;
  }
  return "words=" + std::to_string(total) + " distinct=" + std::to_string(counts.size()) +
         " digest=" + std::to_string(digest % 1'000'000'007);
}

std::span<const std::string> documents_of(const WordIndexInput& in, int index) {
  const std::size_t n = in.documents.size();
  const auto t = static_cast<std::size_t>(in.threads);
  const auto i = static_cast<std::size_t>(index);
  return std::span(in.documents).subspan(n * i / t, n * (i + 1) / t - n * i / t);
}

// python: `index[word] = index.get(word, 0) + 1` in every thread, one dict.
WordCounts word_index_python(const WordIndexInput& in) {
  gil::Gil gil;
  WordCounts index;  // the dict: only touched with the GIL held
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, docs = documents_of(in, t)] {
        gil::ThreadState ts(gil);
        for (const std::string& doc : docs) {
          for_each_word(doc, [&](std::string_view w) {
            ++index[std::string(w)];
            ts.tick();
          });
        }
      });
    }
  }
  return index;
}

// rust: map-reduce. Each partial map is owned by one thread, then moved.
WordCounts word_index_rust(const WordIndexInput& in) {
  auto parts = own::channel<WordCounts>();  // {Sender, Receiver}
  own::Sender<WordCounts>& tx = parts.first;
  own::Receiver<WordCounts>& rx = parts.second;
  own::scope([&](own::Scope& s) {
    for (int t = 0; t < in.threads; ++t) {
      s.spawn(
          [docs = documents_of(in, t)](own::Sender<WordCounts> out) {
            WordCounts mine;
            for (const std::string& doc : docs) {
              for_each_word(doc, [&](std::string_view w) { ++mine[std::string(w)]; });
            }
            out.send(std::move(mine))
                .expect("the merger outlives every sender");  // ownership moves
          },
          tx);
    }
  });
  tx = {};
  WordCounts merged;
  for (WordCounts& part : rx) {
    if (merged.empty()) {
      merged = std::move(part);
      continue;
    }
    for (auto& [word, n] : part) merged[word] += n;
  }
  return merged;
}

// sharded: a word's hash picks its shard; only that shard is locked.
WordCounts word_index_sharded(const WordIndexInput& in) {
  constexpr std::size_t kShards = 16;
  std::array<own::Mutex<WordCounts>, kShards> shards;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, docs = documents_of(in, t)] {
        for (const std::string& doc : docs) {
          for_each_word(doc, [&](std::string_view w) {
            const std::size_t shard = std::hash<std::string_view>{}(w) % kShards;
            ++(*shards[shard].lock())[std::string(w)];
          });
        }
      });
    }
  }
  WordCounts merged;
  for (auto& shard : shards) {
    shard.with([&](WordCounts& m) { merged.merge(m); });  // keys are disjoint
  }
  return merged;
}

// tbb: a concurrent_hash_map, fed by per-thread pre-aggregation.
//
// Each worker counts the documents it is given in its own map (an
// enumerable_thread_specific, keyed by string_view borrowed from the
// documents: no allocation per word); then each thread's map is added to
// the shared map, one accessor per distinct word. Local pre-aggregation is
// the standard way to feed a concurrent map from a reduction: the text is
// Zipf-like (the hottest word is 6% of all words), and an accessor per
// *occurrence* made the threads queue on the same few element locks (1.3x
// at 2 threads). Per-thread rather than per-task maps let the documents be
// split finely (auto_partitioner), so a worker that joins late still gets
// its half: with 8 coarse tasks, one task too many on one thread cost an
// eighth of the run (1.55x at 2 threads).
WordCounts word_index_tbb(const WordIndexInput& in) {
  using Map = tbb::concurrent_hash_map<std::string, std::int64_t>;
  using Local = std::unordered_map<std::string_view, std::int64_t>;
  Map index;
  // Keys are collected as they are first inserted and read back with find():
  // iterating the map trips UBSan in oneTBB 2021.8's hash_map_iterator (a
  // sentinel bucket pointer downcast to node*), which the asan build rejects.
  tbb::concurrent_vector<std::string> keys;
  tbb::enumerable_thread_specific<Local> locals([] {
    Local local;
    local.reserve(4096);  // make_input()'s vocabulary: counting never rehashes
    return local;
  });
  TbbThreads arena(in.threads);  // T threads, even above the core count
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, in.documents.size(), 16),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        Local& local = locals.local();
                        for (std::size_t d = r.begin(); d != r.end(); ++d) {
                          for_each_word(in.documents[d], [&](std::string_view w) { ++local[w]; });
                        }
                      });
    tbb::parallel_for_each(locals.begin(), locals.end(), [&](const Local& local) {
      for (const auto& [word, n] : local) {
        Map::accessor a;  // write-locks this one element
        if (index.insert(a, std::string(word))) keys.push_back(a->first);
        a->second += n;
      }
    });
  });
  WordCounts out;
  out.reserve(keys.size());
  for (const std::string& k : keys) {
    Map::const_accessor a;
    if (index.find(a, k)) out.emplace(k, a->second);
  }
  return out;
}

namespace {

// BROKEN ON PURPOSE: an unsynchronised read-modify-write of a count that
// other threads update at the same time.
[[gnu::noinline]] void word_index_unsafe_insert(WordCounts& index, std::string_view word) {
  ++index.find(std::string(word))->second;  // <-- the race
}

}  // namespace

// unsafe: one std::unordered_map, every thread writing it, no lock.
WordCounts word_index_unsafe(const WordIndexInput& in) {
  WordCounts index = WordIndex::reference(in);  // every key present...
  for (auto& [word, n] : index) n = 0;          // ...counts reset to zero
  RaceBarrier start(static_cast<std::uint32_t>(in.threads));
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < in.threads; ++t) {
      threads.emplace_back([&, docs = documents_of(in, t)] {
        start.wait();  // all threads write at the same moment
        for (const std::string& doc : docs) {
          for_each_word(doc, [&](std::string_view w) { word_index_unsafe_insert(index, w); });
        }
      });
    }
  }
  return index;
}

using namespace catalog;
SAFELAB_VARIANT(WordIndex, "python", Style::python, clean(),
                "one dict under the GIL model: serialised", word_index_python);
SAFELAB_VARIANT(WordIndex, "rust", Style::rust, clean(),
                "map-reduce: each thread owns a partial map, moved back and merged",
                word_index_rust);
SAFELAB_VARIANT(WordIndex, "sharded", Style::rust, clean(),
                "16 shards, each a Mutex<map>; a word locks only its shard", word_index_sharded);
SAFELAB_VARIANT(WordIndex, "tbb", Style::tbb, clean(),
                "tbb::concurrent_hash_map, each chunk pre-aggregated before its accessors",
                word_index_tbb);
SAFELAB_VARIANT(WordIndex, "unsafe", Style::unsafe,
                reported(Tool::tsan, "data race", "word_index_unsafe_insert"),
                "one std::unordered_map incremented by every thread, no lock", word_index_unsafe);
// GUARDED_BY data touched without its lock does not compile under Clang.
SAFELAB_STATIC_CHECK(WordIndex, Tool::clang_thread_safety, "own_unguarded_access");

}  // namespace safelab::pairs
