// Tests that every --format json document keeps the documented schema: the
// same keys in the same order as the outputs captured from the hand-written
// CLI before it moved to CLI11 and nlohmann/json (tests/cli/golden/, made by
// capture.sh). Values that vary per run (times, paths) are not compared;
// keys added since are listed here, and must come after the captured ones.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "verdict/process.h"

namespace safelab {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

// The keys of a document, in order, with every value reduced to its keys:
// {"a": 1, "b": [{"c": 2}]} -> {a:,b:[{c:}]}. An array shows each distinct
// element shape once, sorted, so the number of elements does not matter.
// Keys in `dropped` ("labs[].component") are left out.
std::string skeleton(const Json& j, const std::set<std::string>& dropped,
                     const std::string& path = "") {
  if (j.is_object()) {
    std::string out = "{";
    for (const auto& [key, value] : j.items()) {
      std::string at = path;
      if (!at.empty()) at += '.';
      at += key;
      if (dropped.contains(at)) continue;
      out.append(key).append(":").append(skeleton(value, dropped, at)).append(",");
    }
    return out + "}";
  }
  if (j.is_array()) {
    std::set<std::string> shapes;
    for (const Json& e : j) shapes.insert(skeleton(e, dropped, path + "[]"));
    std::string out = "[";
    for (const std::string& s : shapes) out += s + "|";
    return out + "]";
  }
  return "";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class GoldenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::temp_directory_path() / ("safelab-golden-" + std::to_string(getpid()));
    fs::create_directories(work_);
    std::ofstream(work_ / "ok.cpp") << "int main() { return 0; }\n";
  }
  void TearDown() override { fs::remove_all(work_); }

  // Runs `safelab args...` and compares its JSON with golden/`name`.
  void expect_schema(const std::string& name, std::vector<std::string> args,
                     const std::set<std::string>& added = {}) {
    args.insert(args.begin(), SAFELAB_CLI_PATH);
    const auto r = verdict::run_process(args, {}, 300s);
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 2) << name << ": " << r.err;
    const Json now = Json::parse(r.out);
    const Json golden = Json::parse(slurp(fs::path(SAFELAB_GOLDEN_DIR) / name));
    EXPECT_EQ(skeleton(now, added), skeleton(golden, {}))
        << name << ": the documented keys or their order changed";
    // Byte layout: two-space indent, one document per line.
    EXPECT_EQ(r.out, now.dump(2) + "\n") << name;
  }

  fs::path work_;
};

// Tests `safelab list --format json`.
TEST_F(GoldenTest, List) { expect_schema("list.json", {"list", "--format", "json"}); }

// Tests `safelab tour --quick --format json`.
TEST_F(GoldenTest, Tour) {
  expect_schema("tour.json", {"tour", "--quick", "--topic", "count_events", "--threads", "2",
                              "--format", "json"});
}

// Tests `safelab run --format json`.
TEST_F(GoldenTest, Run) {
  expect_schema("run.json", {"run", "count_events/rust", "--size", "1000", "--format", "json"});
}

// Tests `safelab verdict --format json`, judging with this build's child.
TEST_F(GoldenTest, Verdict) {
  expect_schema("verdict.json", {"verdict", "count_events/rust", "--sanitizer", "asan", "--example",
                                 SAFELAB_EXAMPLE_PATH, "--format", "json"});
}

// Tests `safelab labs list --format json`: the component a lab teaches, and
// its progress in the same words as the table, were added.
TEST_F(GoldenTest, LabsList) {
  expect_schema("labs_list.json",
                {"labs", "list", "--work", (work_ / "labs").string(), "--format", "json"},
                {"labs[].component", "labs[].progress", "labs[].reason"});
}

// Tests `safelab labs check --format json` (here: a missing safelab build).
TEST_F(GoldenTest, LabsCheck) {
  expect_schema("labs_check.json",
                {"labs", "check", "01", "--work", (work_ / "labs").string(), "--build", "default",
                 "--safelab-build", "/nonexistent", "--format", "json"});
}

// Tests `safelab check --format json` on a clean program.
TEST_F(GoldenTest, Check) {
  // Added at the end of each tool (issue 18): every kind it reported, what
  // each build (-O1, -O0) saw, and why a report was advisory.
  expect_schema("check.json",
                {"check", (work_ / "ok.cpp").string(), "--tools", "ubsan", "--format", "json"},
                {"tools[].kinds", "tools[].builds", "tools[].advisory"});
}

// Tests `safelab gil --format json` with the convoy experiment.
TEST_F(GoldenTest, Gil) {
  expect_schema("gil.json",
                {"gil", "--threads", "2", "--work", "100000", "--rounds", "1", "--io-thread",
                 "--round-trips", "20", "--switch-interval", "0.5", "--format", "json"});
}

}  // namespace
}  // namespace safelab
