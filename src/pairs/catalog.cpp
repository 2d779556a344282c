#include "catalog.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace safelab::catalog {
namespace {

std::vector<Entry>& registry() {
  static std::vector<Entry> all;
  return all;
}

std::vector<StaticCheck>& check_registry() {
  static std::vector<StaticCheck> all;
  return all;
}

constexpr std::array<std::string_view, 4> kFamilyNames = {"concurrency", "errors", "memory", "io"};

}  // namespace

std::string_view to_string(Family f) { return kFamilyNames[static_cast<std::size_t>(f)]; }

std::string_view to_string(Style s) {
  switch (s) {
    case Style::python: return "python";
    case Style::python_async: return "python-async";
    case Style::free_threaded: return "free-threaded";
    case Style::rust: return "rust";
    case Style::tbb: return "tbb";
    case Style::unsafe: return "unsafe";
  }
  return "?";
}

std::optional<Family> parse_family(std::string_view s) {
  for (std::size_t i = 0; i < kFamilyNames.size(); ++i) {
    if (kFamilyNames[i] == s) return static_cast<Family>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> family_names() { return kFamilyNames; }

namespace internal {
Registrar::Registrar(const Entry& entry) { registry().push_back(entry); }
Registrar::Registrar(const StaticCheck& check) { check_registry().push_back(check); }
}  // namespace internal

const std::vector<Entry>& entries() {
  // Registration happens during static initialisation, before main(); the
  // first call (from main) sorts once.
  static const std::vector<Entry> sorted = [] {
    std::vector<Entry> all = registry();
    std::stable_sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.family, a.topic, a.style, a.variant) <
             std::tie(b.family, b.topic, b.style, b.variant);
    });
    return all;
  }();
  return sorted;
}

const Entry* find(std::string_view id) {
  for (const Entry& e : entries()) {
    if (e.id() == id) return &e;
  }
  return nullptr;
}

std::vector<std::string_view> topics() {
  std::vector<std::string_view> names;
  for (const Entry& e : entries()) {
    if (std::find(names.begin(), names.end(), e.topic) == names.end()) names.push_back(e.topic);
  }
  return names;
}

std::vector<Tool> judged_under(const Entry& entry) {
  if (entry.expectation.is_clean()) {
    if (entry.family == Family::memory) return {Tool::asan, Tool::tsan, Tool::memcheck};
    return {Tool::asan, Tool::tsan};
  }
  return {verdict::build_of(*entry.expectation.tool)};
}

const std::vector<StaticCheck>& static_checks() {
  static const std::vector<StaticCheck> sorted = [] {
    std::vector<StaticCheck> all = check_registry();
    std::stable_sort(all.begin(), all.end(), [](const StaticCheck& a, const StaticCheck& b) {
      return std::tie(a.topic, a.test) < std::tie(b.topic, b.test);
    });
    return all;
  }();
  return sorted;
}

Params resolve(const Entry& entry, Params params) {
  if (params.size <= 0) params.size = entry.defaults.size;
  if (params.threads <= 0) params.threads = entry.defaults.threads;
  return params;
}

}  // namespace safelab::catalog
