// Topic `parse_config`, three ways. All three read the same documents; they
// differ in what happens when a line is wrong.
//
//   python  idiomatic C++ exceptions (Python's ValueError): a helper deep in
//           the parser throws ConfigSyntaxError, the loop over documents
//           catches it. Nothing on the happy path says a line can fail.
//   rust    every step returns Result; SAFELAB_TRY passes the first error up
//           (Rust's `?`). The signature says the parse can fail, and the
//           error carries the exact column.
//   unsafe  C: atoi (no error at all: "12x" is 12, "x" is 0), a return code
//           nobody checks, and a 16-byte key buffer. Keys are allowed up to
//           31 characters; the first 20-character key overflows the buffer
//           and ASan reports a stack-buffer-overflow in parse_config_unsafe.
#include "parse_config.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "safelab/err/checked.h"
#include "safelab/err/try.h"

namespace safelab::pairs {
namespace {

using Kind = ConfigError::Kind;

constexpr bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
constexpr bool is_key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_key_char(char c) { return is_key_start(c) || (c >= '0' && c <= '9') || c == '.'; }

// The lexical layout of one line, shared by both parsers (they differ only
// in how they report a problem, not in what counts as one).
struct Line {
  std::string_view text;
  std::size_t begin = 0;  // first non-blank
  std::size_t end = 0;    // one past the last non-blank
  bool skip() const { return begin == end || text[begin] == '#'; }
};

Line layout(std::string_view text) {
  Line l{text, 0, text.size()};
  while (l.begin < l.end && is_blank(text[l.begin])) ++l.begin;
  while (l.end > l.begin && is_blank(text[l.end - 1])) --l.end;
  return l;
}

// Walks a document line by line ('\n'-separated), numbering from 1.
class LineCursor {
 public:
  explicit LineCursor(std::string_view doc) : rest_(doc) {}

  bool next(std::string_view& line, std::uint32_t& number) {
    if (done_) return false;
    const std::size_t nl = rest_.find('\n');
    line = rest_.substr(0, nl);
    number = ++number_;
    if (nl == std::string_view::npos) {
      done_ = true;
    } else {
      rest_.remove_prefix(nl + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  std::uint32_t number_ = 0;
  bool done_ = false;
};

std::uint32_t col(std::size_t index) { return static_cast<std::uint32_t>(index + 1); }

bool has_key(const Config& c, std::string_view key) {
  for (const Setting& s : c.settings) {
    if (s.key == key) return true;
  }
  return false;
}

std::int64_t sum_of(const Config& c) {
  std::int64_t sum = 0;
  for (const Setting& s : c.settings) sum += s.value;
  return sum;
}

// ---------------------------------------------------------------- rust ----
// Each step returns a Result; SAFELAB_TRY returns the first error.

err::Result<std::string_view, ConfigError> key_of(const Line& l, std::size_t eq, std::uint32_t n) {
  std::size_t key_end = eq;
  while (key_end > l.begin && is_blank(l.text[key_end - 1])) --key_end;
  const std::string_view key = l.text.substr(l.begin, key_end - l.begin);
  if (key.empty()) return err::Err(ConfigError{Kind::kBadKey, n, col(eq)});
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (!(i == 0 ? is_key_start(key[i]) : is_key_char(key[i]))) {
      return err::Err(ConfigError{Kind::kBadKey, n, col(l.begin + i)});
    }
  }
  if (key.size() > kMaxKeyLength) {
    return err::Err(ConfigError{Kind::kKeyTooLong, n, col(l.begin + kMaxKeyLength)});
  }
  return key;
}

err::Result<std::int32_t, ConfigError> value_of(const Line& l, std::size_t eq, std::uint32_t n) {
  std::size_t start = eq + 1;
  while (start < l.end && is_blank(l.text[start])) ++start;
  return err::parse<std::int32_t>(l.text.substr(start, l.end - start))
      .transform_error([&](const err::ParseError& e) {
        return ConfigError{Kind::kBadValue, n, col(start + e.position)};
      });
}

err::Result<Setting, ConfigError> setting_of(const Line& l, std::uint32_t n) {
  const std::size_t eq = l.text.find('=', l.begin);
  if (eq == std::string_view::npos || eq >= l.end) {
    return err::Err(ConfigError{Kind::kMissingEquals, n, col(l.end)});
  }
  const std::string_view key = SAFELAB_TRY(key_of(l, eq, n));
  const std::int32_t value = SAFELAB_TRY(value_of(l, eq, n));
  return Setting{std::string(key), value};
}

// -------------------------------------------------------------- python ----
// The same steps; a problem is thrown from where it is found.

std::int32_t int_or_throw(std::string_view s) {
  // std::stoi is the standard idiom, but it skips leading whitespace (also
  // \f and \v) and ignores trailing junk: the checks around it make it mean
  // "the whole text is an int32", as Python's int() does.
  if (s.empty() ||
      !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+')) {
    throw std::invalid_argument("invalid literal for int()");
  }
  std::size_t used = 0;
  const int v = std::stoi(std::string(s), &used);  // throws invalid_argument, out_of_range
  if (used != s.size()) throw std::invalid_argument("invalid literal for int()");
  return v;
}

Setting setting_or_throw(const Line& l, std::uint32_t n) {
  const std::size_t eq = l.text.find('=', l.begin);
  if (eq == std::string_view::npos || eq >= l.end) {
    throw ConfigSyntaxError({Kind::kMissingEquals, n, col(l.end)});
  }
  std::size_t key_end = eq;
  while (key_end > l.begin && is_blank(l.text[key_end - 1])) --key_end;
  const std::string_view key = l.text.substr(l.begin, key_end - l.begin);
  if (key.empty()) throw ConfigSyntaxError({Kind::kBadKey, n, col(eq)});
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (!(i == 0 ? is_key_start(key[i]) : is_key_char(key[i]))) {
      throw ConfigSyntaxError({Kind::kBadKey, n, col(l.begin + i)});
    }
  }
  if (key.size() > kMaxKeyLength) {
    throw ConfigSyntaxError({Kind::kKeyTooLong, n, col(l.begin + kMaxKeyLength)});
  }
  std::size_t start = eq + 1;
  while (start < l.end && is_blank(l.text[start])) ++start;
  try {
    return Setting{std::string(key), int_or_throw(l.text.substr(start, l.end - start))};
  } catch (const std::logic_error&) {  // invalid_argument, out_of_range
    // Like Python's ValueError, the conversion does not say where in the
    // text it failed: the column is the start of the value.
    throw ConfigSyntaxError({Kind::kBadValue, n, col(start)});
  }
}

// -------------------------------------------------------------- unsafe ----

// C-style: 0 on success, -1 if the line has no '='. Copies the key into a
// caller's buffer it assumes is big enough. BROKEN ON PURPOSE.
[[gnu::noinline]] int c_parse_line(const char* line, const char* end, char* key, int* value) {
  const void* eq_found = std::memchr(line, '=', static_cast<std::size_t>(end - line));
  if (eq_found == nullptr) return -1;
  const char* eq = static_cast<const char*>(eq_found);
  char* k = key;
  for (const char* p = line; p < eq; ++p) {
    if (!is_blank(*p)) *k++ = *p;  // <-- no bound: keys over 15 characters overflow
  }
  *k = '\0';
  *value = std::atoi(eq + 1);  // atoi: no error, "12x" -> 12, "x" -> 0
  return 0;
}

}  // namespace

std::string ConfigError::message() const {
  static constexpr const char* kWhat[] = {"missing '='", "bad key", "key too long", "bad value",
                                          "duplicate key"};
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
         kWhat[static_cast<std::size_t>(kind)];
}

err::Result<Config, ConfigError> parse_document_rust(std::string_view text) {
  Config config;
  LineCursor cursor(text);
  std::string_view raw;
  std::uint32_t n = 0;
  while (cursor.next(raw, n)) {
    const Line l = layout(raw);
    if (l.skip()) continue;
    Setting s = SAFELAB_TRY(setting_of(l, n));
    if (has_key(config, s.key)) return err::Err(ConfigError{Kind::kDuplicateKey, n, col(l.begin)});
    config.settings.push_back(std::move(s));
  }
  return config;
}

Config parse_document_python(std::string_view text) {
  Config config;
  LineCursor cursor(text);
  std::string_view raw;
  std::uint32_t n = 0;
  while (cursor.next(raw, n)) {
    const Line l = layout(raw);
    if (l.skip()) continue;
    Setting s = setting_or_throw(l, n);
    if (has_key(config, s.key)) throw ConfigSyntaxError({Kind::kDuplicateKey, n, col(l.begin)});
    config.settings.push_back(std::move(s));
  }
  return config;
}

// python: the parser throws; the loop catches, as a Python script would.
ConfigSummary parse_config_python(const ParseConfigInput& in) {
  ConfigSummary out;
  for (const std::string& doc : in.documents) {
    try {
      const Config c = parse_document_python(doc);
      ++out.accepted;
      out.checksum += sum_of(c);
    } catch (const ConfigSyntaxError& e) {
      ++out.rejected;
      out.error_line_sum += e.error().line;
    }
  }
  return out;
}

// rust: the parser returns a Result; the loop looks at it.
ConfigSummary parse_config_rust(const ParseConfigInput& in) {
  ConfigSummary out;
  for (const std::string& doc : in.documents) {
    err::Result<Config, ConfigError> c = parse_document_rust(doc);
    if (c) {
      ++out.accepted;
      out.checksum += sum_of(*c);
    } else {
      ++out.rejected;
      out.error_line_sum += c.error().line;
    }
  }
  return out;
}

// unsafe: C, with atoi, an unchecked return code and a fixed key buffer.
// BROKEN ON PURPOSE.
[[gnu::noinline]] ConfigSummary parse_config_unsafe(const ParseConfigInput& in) {
  ConfigSummary out;
  for (const std::string& doc : in.documents) {
    char key[16];  // "keys are short"
    int value = 0;
    std::int64_t sum = 0;
    const char* p = doc.c_str();
    const char* const doc_end = p + doc.size();
    while (p < doc_end) {
      const auto left = static_cast<std::size_t>(doc_end - p);
      const char* eol = static_cast<const char*>(std::memchr(p, '\n', left));
      if (eol == nullptr) eol = doc_end;
      while (p < eol && is_blank(*p)) ++p;
      if (p < eol && *p != '#') {
        c_parse_line(p, eol, key, &value);  // <-- return code ignored
        sum += value;
      }
      p = eol + 1;
    }
    ++out.accepted;  // nothing was ever detected, so everything was accepted
    out.checksum += sum;
  }
  return out;
}

ParseConfigInput ParseConfig::make_input(const catalog::Params& p) {
  static constexpr std::string_view kKeys[] = {"port",        "threads",   "timeout",  "retries",
                                               "buffer_size", "log.level", "cache_mb", "max_conn"};
  static constexpr std::string_view kLongKey = "connection_timeout_ms";  // 21 characters
  static constexpr std::string_view kSpacing[][2] = {{"=", ""}, {" = ", ""}, {"\t=  ", "  "}};
  std::mt19937_64 gen(p.seed);
  auto below = [&](std::uint64_t n) { return static_cast<std::size_t>(gen() % n); };

  ParseConfigInput in;
  in.documents.reserve(static_cast<std::size_t>(p.size));
  for (std::int64_t d = 0; d < p.size; ++d) {
    std::string doc;
    std::uint32_t line = 0;
    auto add = [&](std::string_view text) {
      if (line > 0) doc += '\n';
      doc += text;
      ++line;
    };
    const std::size_t settings = 3 + below(5);
    const bool broken = below(10) == 0;
    const std::size_t broken_at = below(settings);
    std::vector<std::string_view> keys(std::begin(kKeys), std::end(kKeys));
    std::shuffle(keys.begin(), keys.end(), gen);
    if (d % 25 == 0) keys[0] = kLongKey;  // valid, but longer than the C buffer
    std::int64_t sum = 0;
    std::uint32_t error_line = 0;
    if (below(3) == 0) add("# generated config");
    for (std::size_t i = 0; i < settings; ++i) {
      if (below(4) == 0) add("");
      if (broken && i == broken_at) {
        switch (below(5)) {
          case 0: add(std::string(keys[i]) + " 8080"); break;  // missing '='
          case 1: add("9lives = 3"); break;                    // bad key
          case 2: add(std::string(40, 'k') + " = 1"); break;   // key too long
          case 3: add(std::string(keys[i]) + (below(2) == 0 ? " = 12x" : " = 99999999999")); break;
          default:  // duplicate key (or a bad key if there is none before)
            add(i > 0 ? std::string(keys[0]) + " = 5" : std::string("-x = 5"));
        }
        error_line = line;
        add("after_error = 1");  // never reached: the first error ends the document
        break;
      }
      const auto value = static_cast<std::int32_t>(below(2'000'001)) - 1'000'000;
      const auto& sp = kSpacing[below(3)];
      add(std::string(keys[i]) + std::string(sp[0]) + std::to_string(value) + std::string(sp[1]));
      sum += value;
    }
    if (error_line != 0) {
      ++in.expected.rejected;
      in.expected.error_line_sum += error_line;
    } else {
      ++in.expected.accepted;
      in.expected.checksum += sum;
    }
    in.documents.push_back(std::move(doc));
  }
  return in;
}

std::string ParseConfig::show(const ConfigSummary& s) {
  return "accepted=" + std::to_string(s.accepted) + " rejected=" + std::to_string(s.rejected) +
         " checksum=" + std::to_string(s.checksum) +
         " error_lines=" + std::to_string(s.error_line_sum);
}

using namespace catalog;
SAFELAB_VARIANT(ParseConfig, "python", Style::python, clean(),
                "the parser throws ConfigSyntaxError; the loop catches it", parse_config_python);
SAFELAB_VARIANT(ParseConfig, "rust", Style::rust, clean(),
                "every step returns Result; SAFELAB_TRY propagates the first error",
                parse_config_rust);
SAFELAB_VARIANT(ParseConfig, "unsafe", Style::unsafe,
                reported(Tool::asan, "stack-buffer-overflow", "parse_config_unsafe"),
                "atoi, an ignored return code and a 16-byte key buffer", parse_config_unsafe);

}  // namespace safelab::pairs
