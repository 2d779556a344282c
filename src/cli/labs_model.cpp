#include "labs_model.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_format.h"
#include "catalog.h"

namespace safelab::cli::labs {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::ordered_json;

// A string member of a labs.json object; "" when absent and not required.
std::string text(const Json& obj, const char* key, const std::string& where, bool required) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) throw LabsError(absl::StrFormat("%s: missing \"%s\"", where, key));
    return {};
  }
  if (!it->is_string()) throw LabsError(absl::StrFormat("%s: \"%s\" must be a string", where, key));
  return it->get<std::string>();
}

std::vector<std::string> strings(const Json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) {
    throw LabsError(absl::StrFormat("%s: \"%s\" must be a list", where, key));
  }
  std::vector<std::string> out;
  for (const Json& x : *it) {
    if (!x.is_string()) {
      throw LabsError(absl::StrFormat("%s: \"%s\" holds a non-string", where, key));
    }
    out.push_back(x.get<std::string>());
  }
  return out;
}

// One of `valid`, else a LabsError listing them.
void check_word(const std::string& value, const std::vector<std::string>& valid, const char* key,
                const std::string& where) {
  if (std::find(valid.begin(), valid.end(), value) == valid.end()) {
    throw LabsError(
        absl::StrFormat("%s: unknown %s '%s' (%s)", where, key, value, join_choices(valid)));
  }
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
  if (kind == "sanitizer" && report.starts_with("detected ")) {
    return build + " reports " + report.substr(9) + " in " + function;  // memory leaks
  }
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
  Json doc;
  try {
    doc = Json::parse(read_file(file));
  } catch (const Json::parse_error& e) {
    throw LabsError(absl::StrFormat("%s: malformed JSON: %s", where, e.what()));
  }
  if (!doc.is_object() || !doc.contains("labs") || !doc["labs"].is_array()) {
    throw LabsError(where + ": needs a \"labs\" list");
  }
  const std::vector<std::string> families(catalog::family_names().begin(),
                                          catalog::family_names().end());
  LabSet set;
  set.root_ = labs_dir;
  for (const Json& v : doc["labs"]) {
    if (!v.is_object()) throw LabsError(where + ": every lab must be an object");
    Lab lab;
    lab.id = text(v, "id", where, true);
    const std::string at = where + " (lab " + lab.id + ")";
    lab.dir = text(v, "dir", at, true);
    lab.title = text(v, "title", at, true);
    lab.family = text(v, "family", at, true);
    check_word(lab.family, families, "family", at);
    lab.component = text(v, "component", at, true);
    check_word(lab.component, {"own", "gil", "err", "mem", "io"}, "component", at);
    lab.exercise = text(v, "exercise", at, true);
    lab.tests = strings(v, "tests", at);
    lab.builds = strings(v, "builds", at);
    for (const std::string& b : lab.builds) check_word(b, {"default", "asan", "tsan"}, "build", at);
    const auto f = v.find("fails_as");
    if (f == v.end() || !f->is_object()) throw LabsError(at + ": missing \"fails_as\"");
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
    if (const auto t = v.find("technique"); t != v.end()) {
      if (!t->is_object()) throw LabsError(at + ": \"technique\" must be an object");
      lab.technique.teaches = text(*t, "teaches", at + " technique", true);
      const auto rules = [&](const char* key, bool scoped) {
        std::vector<TechniqueRule> out;
        const auto r = t->find(key);
        if (r == t->end()) return out;
        if (!r->is_array()) throw LabsError(absl::StrFormat("%s: \"%s\" must be a list", at, key));
        for (const Json& x : *r) {
          if (!x.is_object())
            throw LabsError(absl::StrFormat("%s: \"%s\" holds a non-object", at, key));
          const std::string where_rule = at + " technique." + key;
          out.push_back({text(x, "regex", where_rule, true), text(x, "says", where_rule, true),
                         text(x, "opens", where_rule, scoped)});
        }
        return out;
      };
      lab.technique.requires_ = rules("requires", false);
      lab.technique.forbids = rules("forbids", false);
      lab.technique.scoped = rules("scoped", true);
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
std::vector<std::string> LabSet::shipped_files(const Lab& lab) const {
  std::vector<std::string> out{lab.dir + "/" + lab.exercise};
  for (const std::string& t : lab.tests) out.push_back(lab.dir + "/" + t);
  return out;
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

std::string folder_hash(const LabSet& set, const Lab& lab) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(set.root() / lab.dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.starts_with(".") || name.ends_with("~")) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const fs::path& f : files) {
    all += f.filename().string() + "\n" + content_hash(f) + "\n";
  }
  std::uint64_t h = 14695981039346656037ull;
  for (char c : all) {
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

void RunnerState::forget(const std::string& id) {
  hints_.erase(id);
  checks_.erase(id);
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
    case Progress::failing: return "failing";
    case Progress::edited: return "edited";
    case Progress::unchecked: return "unchecked";
  }
  return "?";
}

Progress progress_of(const LabSet& set, const Lab& lab, const RunnerState& state) {
  const RunnerState::CheckRecord* r = state.last_check(lab.id);
  if (r == nullptr) return Progress::unchecked;
  if (r->hash != folder_hash(set, lab)) return Progress::edited;
  return r->pass ? Progress::done : Progress::failing;
}

}  // namespace safelab::cli::labs
