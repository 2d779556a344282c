// src/pairs/memory/token_view.h
//
// Topic `token_view`: normalise a text (lower-case it) and split it into
// words. The Rust way hands out views that borrow from an owner which
// outlives them; the Python way copies every word into an owned string; the
// unsafe way takes views into a temporary that is gone before they are read.
#ifndef SAFELAB_PAIRS_MEMORY_TOKEN_VIEW_H_
#define SAFELAB_PAIRS_MEMORY_TOKEN_VIEW_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../catalog.h"

namespace safelab::pairs {

struct TokenViewInput {
  std::string text;  // words of [A-Za-z] separated by single spaces
};

// The number of tokens and an FNV-1a hash over them (each followed by a
// separator byte), so that a wrong, missing or reordered token changes it.
struct TokenViewOutput {
  std::uint64_t tokens = 0;
  std::uint64_t hash = 0;
};

// The text with every ASCII letter lower-cased, returned *by value* (a new
// string: a temporary unless the caller keeps it).
std::string normalise(std::string_view text);

// Views of the space-separated words of `text`.
// Lifetime: the views point into `text`'s characters; they are valid only
// while the string they were taken from is alive and unmodified.
std::vector<std::string_view> split_views(std::string_view text);

// Owned copies of the space-separated words of `text` (no lifetime tie).
std::vector<std::string> split_copies(std::string_view text);

struct TokenView {
  static constexpr std::string_view name = "token_view";
  static constexpr std::string_view summary =
      "split a string into tokens: borrowed views, owned copies, or views of a temporary";
  static constexpr std::string_view lab = "labs/08-dangling-view";
  static constexpr catalog::Family family = catalog::Family::memory;
  static constexpr catalog::Params defaults{.threads = 1, .size = 2'000, .seed = 1};

  using Input = TokenViewInput;
  using Output = TokenViewOutput;

  static Input make_input(const catalog::Params& p);  // size = number of words
  static Output reference(const Input& in);
  static std::string show(const Output& out);
};

TokenViewOutput token_view_python(const TokenViewInput& in);
TokenViewOutput token_view_rust(const TokenViewInput& in);
TokenViewOutput token_view_unsafe(const TokenViewInput& in);

}  // namespace safelab::pairs

#endif  // SAFELAB_PAIRS_MEMORY_TOKEN_VIEW_H_
