#include "labs_technique.h"

#include <cctype>
#include <regex>

#include "labs_model.h"

namespace safelab::cli::labs {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The identifier or number that ends just before `pos` ("u8R", "400").
std::string_view token_before(std::string_view s, std::size_t pos) {
  std::size_t b = pos;
  while (b > 0 && ident_char(s[b - 1])) --b;
  return s.substr(b, pos - b);
}

std::regex compile(const std::string& lab_id, const std::string& regex) {
  try {
    return std::regex(regex);
  } catch (const std::regex_error& e) {
    throw LabsError("labs.json (lab " + lab_id + "): bad technique regex '" + regex +
                    "': " + e.what());
  }
}

std::string fill(std::string says, const std::string& text) {
  if (const std::size_t at = says.find("{}"); at != std::string::npos) says.replace(at, 2, text);
  return says;
}

// From `from` to the '}' that closes the block `from` is in (or the end).
std::size_t block_end(std::string_view code, std::size_t from) {
  int depth = 0;
  for (std::size_t i = from; i < code.size(); ++i) {
    if (code[i] == '{') {
      ++depth;
    } else if (code[i] == '}') {
      if (depth == 0) return i;
      --depth;
    }
  }
  return code.size();
}

}  // namespace

std::string strip_code(std::string_view src) {
  std::string out(src);
  const auto blank = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < out.size(); ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
  };
  std::size_t i = 0;
  while (i < src.size()) {
    const char c = src[i];
    const char next = i + 1 < src.size() ? src[i + 1] : '\0';
    if (c == '/' && next == '/') {
      const std::size_t end = src.find('\n', i);
      const std::size_t stop = end == std::string_view::npos ? src.size() : end;
      blank(i, stop);
      i = stop;
    } else if (c == '/' && next == '*') {
      const std::size_t end = src.find("*/", i + 2);
      const std::size_t stop = end == std::string_view::npos ? src.size() : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c == '"' && !token_before(src, i).empty() && token_before(src, i).back() == 'R' &&
               (token_before(src, i) == "R" || token_before(src, i) == "u8R" ||
                token_before(src, i) == "uR" || token_before(src, i) == "UR" ||
                token_before(src, i) == "LR")) {
      // R"delim( ... )delim"
      const std::size_t paren = src.find('(', i);
      const std::string close =
          ")" +
          std::string(src.substr(i + 1, paren == std::string_view::npos ? 0 : paren - i - 1)) +
          "\"";
      const std::size_t end =
          paren == std::string_view::npos ? std::string_view::npos : src.find(close, paren);
      const std::size_t stop = end == std::string_view::npos ? src.size() : end + close.size();
      blank(i, stop);
      i = stop;
    } else if (c == '"' ||
               (c == '\'' &&
                !(!token_before(src, i).empty() &&
                  std::isdigit(static_cast<unsigned char>(token_before(src, i).front())) != 0))) {
      // A string or character literal (a ' after a number is a digit
      // separator, 400'000).
      std::size_t j = i + 1;
      while (j < src.size() && src[j] != c && src[j] != '\n') j += src[j] == '\\' ? 2 : 1;
      const std::size_t stop = std::min(src.size(), j + 1);
      blank(i, stop);
      i = stop;
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<std::string> technique_problem(const std::string& lab_id, const Technique& technique,
                                             std::string_view source) {
  const std::string code = strip_code(source);
  const auto problem = [&](const std::string& says) {
    return "lab " + lab_id + " teaches " + technique.teaches + ": " + says;
  };
  std::smatch m;
  for (const TechniqueRule& rule : technique.forbids) {
    if (std::regex_search(code, m, compile(lab_id, rule.regex))) {
      return problem(fill(rule.says, m.str()));
    }
  }
  for (const TechniqueRule& rule : technique.scoped) {
    const std::regex opens = compile(lab_id, rule.opens);
    const std::regex inside = compile(lab_id, rule.regex);
    for (auto it = std::sregex_iterator(code.begin(), code.end(), opens);
         it != std::sregex_iterator(); ++it) {
      const auto from = static_cast<std::size_t>(it->position() + it->length());
      const std::string scope = code.substr(from, block_end(code, from) - from);
      if (std::regex_search(scope, m, inside)) return problem(fill(rule.says, m.str()));
    }
  }
  for (const TechniqueRule& rule : technique.requires_) {
    if (!std::regex_search(code, compile(lab_id, rule.regex))) return problem(rule.says);
  }
  return std::nullopt;
}

std::vector<int> todo_lines(std::string_view source) {
  static const std::regex marker(R"((//|/\*)\s*TODO\b)");
  std::vector<int> out;
  int line = 1;
  std::size_t start = 0;
  while (start <= source.size()) {
    const std::size_t end = source.find('\n', start);
    const std::string text(source.substr(start, end == std::string_view::npos ? end : end - start));
    if (std::regex_search(text, marker)) out.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
    ++line;
  }
  return out;
}

}  // namespace safelab::cli::labs
