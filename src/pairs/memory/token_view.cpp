// Topic `token_view`, three ways. All three normalise the text, split it
// and hash the tokens; they differ only in who owns the characters the
// tokens refer to.
//
//   python  split_copies(): every token is its own std::string. Nothing
//           can dangle; the price is one allocation and copy per token.
//   rust    the normalised string is a named local that outlives the views
//           taken from it (Rust's borrow checker insists on exactly this:
//           "borrowed value does not live long enough" otherwise).
//   unsafe  split_views(normalise(text)): the views point into the
//           temporary returned by normalise(), destroyed at the end of that
//           statement. Reading them is a heap-use-after-free, which ASan
//           reports in hash_tokens called from token_view_unsafe.
#include "token_view.h"

#include <random>

namespace safelab::pairs {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

// FNV-1a over the tokens, each followed by a 0 byte. Not inlined, so that it
// shows as its own frame in a sanitizer report.
template <class Token>
[[gnu::noinline]] TokenViewOutput hash_tokens(const std::vector<Token>& tokens) {
  TokenViewOutput out{tokens.size(), kFnvOffset};
  for (const Token& token : tokens) {
    for (const char c : token) out.hash = (out.hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
    out.hash = (out.hash ^ 0u) * kFnvPrime;
  }
  return out;
}

}  // namespace

std::string normalise(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> split_views(std::string_view text) {
  std::vector<std::string_view> tokens;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    if (space != 0) tokens.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return tokens;
}

std::vector<std::string> split_copies(std::string_view text) {
  std::vector<std::string> tokens;
  for (std::string_view view : split_views(text)) tokens.emplace_back(view);
  return tokens;
}

TokenViewInput TokenView::make_input(const catalog::Params& p) {
  std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
  TokenViewInput in;
  for (std::int64_t w = 0; w < p.size; ++w) {
    if (w > 0) in.text += ' ';
    const std::size_t length = 1 + gen() % 9;
    for (std::size_t i = 0; i < length; ++i) {
      const char base = gen() % 4 == 0 ? 'A' : 'a';
      in.text += static_cast<char>(base + static_cast<char>(gen() % 26));
    }
  }
  return in;
}

// Independent of split_views: a character loop.
TokenViewOutput TokenView::reference(const TokenViewInput& in) {
  std::vector<std::string> tokens(1);
  for (char c : in.text) {
    if (c == ' ') {
      tokens.emplace_back();
    } else {
      tokens.back() += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  if (tokens.back().empty()) tokens.pop_back();
  return hash_tokens(tokens);
}

std::string TokenView::show(const TokenViewOutput& out) {
  return "tokens=" + std::to_string(out.tokens) + " hash=" + std::to_string(out.hash);
}

// python: owned copies.
TokenViewOutput token_view_python(const TokenViewInput& in) {
  const std::vector<std::string> tokens = split_copies(normalise(in.text));
  return hash_tokens(tokens);
}

// rust: the owner is named and outlives its views.
TokenViewOutput token_view_rust(const TokenViewInput& in) {
  const std::string normalised = normalise(in.text);                     // the owner
  const std::vector<std::string_view> tokens = split_views(normalised);  // borrows from it
  return hash_tokens(tokens);
}  // views die first, then the owner

// unsafe: views into a temporary. BROKEN ON PURPOSE.
[[gnu::noinline]] TokenViewOutput token_view_unsafe(const TokenViewInput& in) {
  const std::vector<std::string_view> tokens = split_views(normalise(in.text));
  // <-- the temporary string from normalise() was destroyed at the ';' above
  return hash_tokens(tokens);  // reads freed memory
}

using namespace catalog;
SAFELAB_VARIANT(TokenView, "python", Style::python, clean(),
                "every token copied into an owned string", token_view_python);
SAFELAB_VARIANT(TokenView, "rust", Style::rust, clean(),
                "views borrowed from a named owner that outlives them", token_view_rust);
SAFELAB_VARIANT(TokenView, "unsafe", Style::unsafe,
                reported(Tool::asan, "heap-use-after-free", "token_view_unsafe"),
                "views into the temporary returned by normalise()", token_view_unsafe);

}  // namespace safelab::pairs
