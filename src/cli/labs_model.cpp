#include "labs_model.h"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <variant>

namespace safelab::cli::labs {
namespace fs = std::filesystem;
namespace {

// A JSON reader for labs.json: objects, arrays, strings (with the common
// escapes), numbers, true/false/null. Errors name the byte offset.
struct Value;
using Object = std::vector<std::pair<std::string, Value>>;
using Array = std::vector<Value>;
struct Value {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<Object>,
               std::shared_ptr<Array>>
      v;
};

class Reader {
 public:
  Reader(std::string_view text, std::string where) : s_(text), where_(std::move(where)) {}

  Value document() {
    Value v = value();
    skip();
    if (i_ != s_.size()) fail("unexpected text after the document");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw LabsError(where_ + ": malformed JSON at byte " + std::to_string(i_) + ": " + what);
  }
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  Value value() {
    skip();
    if (i_ >= s_.size()) fail("unexpected end");
    const char c = s_[i_];
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return Value{string()};
    if (s_.substr(i_, 4) == "true") return i_ += 4, Value{true};
    if (s_.substr(i_, 5) == "false") return i_ += 5, Value{false};
    if (s_.substr(i_, 4) == "null") return i_ += 4, Value{nullptr};
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i_ + 1;
      while (end < s_.size() &&
             std::string_view("0123456789.eE+-").find(s_[end]) != std::string_view::npos)
        ++end;
      const std::string num(s_.substr(i_, end - i_));
      i_ = end;
      return Value{std::strtod(num.c_str(), nullptr)};
    }
    fail(std::string("unexpected character '") + c + "'");
  }
  std::string string() {
    expect('"');
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c == '\\') {
        if (i_ >= s_.size()) break;
        const char e = s_[i_++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case '"':
          case '\\':
          case '/': c = e; break;
          default: fail(std::string("unsupported escape \\") + e);
        }
      }
      out += c;
    }
    if (i_ >= s_.size()) fail("unterminated string");
    ++i_;
    return out;
  }
  Value object() {
    expect('{');
    auto obj = std::make_shared<Object>();
    if (!eat('}')) {
      do {
        skip();
        std::string key = string();
        expect(':');
        obj->emplace_back(std::move(key), value());
      } while (eat(','));
      expect('}');
    }
    return Value{obj};
  }
  Value array() {
    expect('[');
    auto arr = std::make_shared<Array>();
    if (!eat(']')) {
      do arr->push_back(value());
      while (eat(','));
      expect(']');
    }
    return Value{arr};
  }

  std::string_view s_;
  std::string where_;
  std::size_t i_ = 0;
};

const Value* member(const Value& obj, std::string_view key) {
  const auto* o = std::get_if<std::shared_ptr<Object>>(&obj.v);
  if (o == nullptr) return nullptr;
  for (const auto& [k, v] : **o) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string text(const Value& obj, std::string_view key, const std::string& where, bool required) {
  const Value* v = member(obj, key);
  if (v == nullptr) {
    if (required) throw LabsError(where + ": missing \"" + std::string(key) + "\"");
    return {};
  }
  const auto* s = std::get_if<std::string>(&v->v);
  if (s == nullptr) throw LabsError(where + ": \"" + std::string(key) + "\" must be a string");
  return *s;
}

std::vector<std::string> strings(const Value& obj, std::string_view key, const std::string& where) {
  const Value* v = member(obj, key);
  const auto* a = v == nullptr ? nullptr : std::get_if<std::shared_ptr<Array>>(&v->v);
  if (a == nullptr) throw LabsError(where + ": \"" + std::string(key) + "\" must be a list");
  std::vector<std::string> out;
  for (const Value& x : **a) {
    const auto* s = std::get_if<std::string>(&x.v);
    if (s == nullptr) throw LabsError(where + ": \"" + std::string(key) + "\" holds a non-string");
    out.push_back(*s);
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LabsError("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string FailsAs::describe() const {
  if (kind == "sanitizer") return build + " reports a " + report + " in " + function;
  if (kind == "wrong-result") return "its tests fail (\"" + message + "\")";
  return "it does not compile (" + regex + ")";
}

LabSet LabSet::load(const fs::path& labs_dir) {
  const fs::path file = labs_dir / "labs.json";
  if (!fs::exists(file)) {
    throw LabsError("no lab set at " + labs_dir.string() + " (" + file.string() +
                    " does not exist); pass --labs-dir or set SAFELAB_LABS_DIR");
  }
  const std::string where = file.string();
  const Value doc = Reader(read_file(file), where).document();
  const Value* list = member(doc, "labs");
  const auto* arr = list == nullptr ? nullptr : std::get_if<std::shared_ptr<Array>>(&list->v);
  if (arr == nullptr) throw LabsError(where + ": needs a \"labs\" list");

  LabSet set;
  set.root_ = labs_dir;
  for (const Value& v : **arr) {
    Lab lab;
    lab.id = text(v, "id", where, true);
    const std::string at = where + " (lab " + lab.id + ")";
    lab.dir = text(v, "dir", at, true);
    lab.title = text(v, "title", at, true);
    lab.family = text(v, "family", at, true);
    lab.exercise = text(v, "exercise", at, true);
    lab.tests = strings(v, "tests", at);
    lab.builds = strings(v, "builds", at);
    for (const std::string& b : lab.builds) {
      if (b != "default" && b != "asan" && b != "tsan")
        throw LabsError(std::string(at)
                            .append(": unknown build '")
                            .append(b)
                            .append("' (default, asan or tsan)"));
    }
    const Value* f = member(v, "fails_as");
    if (f == nullptr) throw LabsError(at + ": missing \"fails_as\"");
    lab.fails_as.kind = text(*f, "kind", at, true);
    lab.fails_as.build = text(*f, "build", at, false);
    lab.fails_as.report = text(*f, "report", at, false);
    lab.fails_as.function = text(*f, "function", at, false);
    lab.fails_as.message = text(*f, "message", at, false);
    lab.fails_as.regex = text(*f, "regex", at, false);
    const FailsAs& fa = lab.fails_as;
    const bool ok = (fa.kind == "sanitizer" && !fa.build.empty() && !fa.report.empty() &&
                     !fa.function.empty()) ||
                    (fa.kind == "wrong-result" && !fa.build.empty() && !fa.message.empty()) ||
                    (fa.kind == "compile-error" && !fa.regex.empty());
    if (!ok) {
      throw LabsError(at +
                      ": \"fails_as\" must be {kind: sanitizer, build, report, function}, "
                      "{kind: wrong-result, build, message} or {kind: compile-error, regex}");
    }
    set.labs_.push_back(std::move(lab));
  }
  return set;
}

const Lab* LabSet::find(std::string_view name) const {
  for (const Lab& lab : labs_) {
    const std::string_view topic = std::string_view(lab.dir).substr(lab.id.size() + 1);
    const bool same_number = !name.empty() &&
                             name.find_first_not_of("0123456789") == std::string_view::npos &&
                             std::atoi(std::string(name).c_str()) == std::atoi(lab.id.c_str());
    if (name == lab.id || name == lab.dir || name == topic || same_number) return &lab;
  }
  return nullptr;
}

std::vector<std::string> LabSet::names() const {
  std::vector<std::string> out;
  for (const Lab& lab : labs_) out.push_back(lab.dir);
  return out;
}

fs::path LabSet::exercise_path(const Lab& lab) const { return root_ / lab.dir / lab.exercise; }
fs::path LabSet::pristine_path(const Lab& lab) const {
  return root_ / "pristine" / lab.dir / lab.exercise;
}
fs::path LabSet::hints_path(const Lab& lab) const { return root_ / lab.dir / "hints.md"; }

std::vector<fs::path> LabSet::watched_files(const Lab& lab) const {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_ / lab.dir, ec)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".cpp" || ext == ".h" || ext == ".txt") out.push_back(entry.path());
  }
  return out;
}

fs::path default_labs_dir() {
  if (const char* env = std::getenv("SAFELAB_LABS_DIR"); env != nullptr && *env != '\0') return env;
#ifdef SAFELAB_SOURCE_DIR
  return fs::path(SAFELAB_SOURCE_DIR) / "labs";
#else
  return "labs";
#endif
}

std::vector<std::string> read_hints(const fs::path& path) {
  std::istringstream in(read_file(path));
  std::vector<std::string> hints;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) {
      hints.push_back(line + "\n");
    } else if (!hints.empty()) {
      hints.back() += line + "\n";
    }
  }
  if (hints.empty()) throw LabsError(path.string() + " has no hints (## sections)");
  for (std::string& h : hints) {
    while (h.size() > 1 && h.ends_with("\n\n")) h.pop_back();
  }
  return hints;
}

std::string content_hash(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::uint64_t h = 14695981039346656037ull;
  char c;
  while (in.get(c)) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  std::ostringstream out;
  out << std::hex << h;
  return out.str();
}

RunnerState::RunnerState(fs::path file) : file_(std::move(file)) {
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string what, id;
    words >> what >> id;
    if (what == "hint") {
      int n = 0;
      words >> n;
      hints_[id] = n;
    } else if (what == "check") {
      std::string verdict;
      CheckRecord r;
      words >> verdict >> r.hash;
      std::getline(words >> std::ws, r.reason);
      r.pass = verdict == "pass";
      checks_[id] = r;
    }
  }
}

int RunnerState::hint_stage(const std::string& id) const {
  const auto it = hints_.find(id);
  return it == hints_.end() ? 0 : it->second;
}
void RunnerState::set_hint_stage(const std::string& id, int stage) { hints_[id] = stage; }

const RunnerState::CheckRecord* RunnerState::last_check(const std::string& id) const {
  const auto it = checks_.find(id);
  return it == checks_.end() ? nullptr : &it->second;
}
void RunnerState::record_check(const std::string& id, CheckRecord record) {
  for (char& c : record.reason) {
    if (c == '\n') c = ' ';
  }
  checks_[id] = std::move(record);
}

void RunnerState::save() const {
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  const fs::path tmp = file_.string() + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw LabsError("cannot write " + tmp.string());
    for (const auto& [id, n] : hints_) out << "hint " << id << " " << n << "\n";
    for (const auto& [id, r] : checks_) {
      out << "check " << id << " " << (r.pass ? "pass" : "fail") << " "
          << (r.hash.empty() ? "-" : r.hash) << " " << r.reason << "\n";
    }
  }
  fs::rename(tmp, file_, ec);  // atomic: a crash never leaves half a file
  if (ec) throw LabsError("cannot write " + file_.string() + ": " + ec.message());
}

std::string_view to_string(Progress p) {
  switch (p) {
    case Progress::done: return "done";
    case Progress::failing: return "pending";
    case Progress::changed: return "pending (edited since the last check)";
    case Progress::unchecked: return "pending";
  }
  return "?";
}

Progress progress_of(const LabSet& set, const Lab& lab, const RunnerState& state) {
  const RunnerState::CheckRecord* r = state.last_check(lab.id);
  if (r == nullptr) return Progress::unchecked;
  if (r->hash != content_hash(set.exercise_path(lab))) return Progress::changed;
  return r->pass ? Progress::done : Progress::failing;
}

}  // namespace safelab::cli::labs
