// Tests the labs' technique checks on source text, without building: the
// stripping of comments and literals, the rules of labs.json against every
// reference solution (which must pass them) and every recorded wrong fix
// whose message is a technique's (which must fail, naming it), and the TODO
// markers a lab is done only without.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "labs_model.h"
#include "labs_technique.h"

namespace safelab {
namespace {

namespace fs = std::filesystem;
using cli::labs::strip_code;
using cli::labs::Technique;
using cli::labs::technique_problem;
using cli::labs::todo_lines;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Tests that comments and string and character literals are blanked, line
// breaks kept, and that digit separators are not taken for a literal.
TEST(StripCodeTest, BlanksCommentsAndLiterals) {
  const std::string src =
      "int a = 400'000;  // std::mutex in a comment\n"
      "/* std::atomic\n   here */ auto s = \"std::mutex \\\" x\";\n"
      "char c = '\\'';  auto r = R\"x(std::mutex)\")x\"; std::mutex m;\n";
  const std::string out = strip_code(src);
  EXPECT_EQ(out.size(), src.size());
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4);
  EXPECT_NE(out.find("400'000;"), std::string::npos) << out;
  EXPECT_EQ(out.find("atomic"), std::string::npos) << out;
  EXPECT_EQ(out.find("std::mutex"), out.rfind("std::mutex")) << "only the code one: " << out;
  EXPECT_NE(out.find("std::mutex m;"), std::string::npos) << out;
}

// Tests that a forbidden token is named in the message, and found only in code.
TEST(TechniqueTest, ForbiddenTokenIsNamed) {
  Technique t;
  t.teaches = "channels";
  t.forbids.push_back({R"(\bstd::(mutex|atomic)\b)", "the exercise still uses {}", ""});
  EXPECT_EQ(technique_problem("04", t, "std::mutex mu;"),
            "lab 04 teaches channels: the exercise still uses std::mutex");
  EXPECT_EQ(technique_problem("04", t, "// no std::mutex here\nint x;"), std::nullopt);
}

// Tests a scoped rule: what runs after the opening line to the end of its
// block, and only there.
TEST(TechniqueTest, ScopedRuleLooksInsideTheBlockOnly) {
  Technique t;
  t.teaches = "releasing the GIL around the kernel only";
  t.scoped.push_back({R"(\+=)", "`{}` runs with the GIL released", R"(AllowThreads \w+\(ts\);)"});
  const std::string good = "{ AllowThreads g(ts); r = kernel(c); }\n partial[t] += r;";
  const std::string bad = "{ AllowThreads g(ts); r = kernel(c); partial[t] += r; }";
  EXPECT_EQ(technique_problem("02", t, good), std::nullopt);
  EXPECT_EQ(technique_problem("02", t, bad),
            "lab 02 teaches releasing the GIL around the kernel only: `+=` runs with the GIL "
            "released");
}

// Tests that only comments starting with TODO are markers.
TEST(TodoLinesTest, MarkersOnly) {
  EXPECT_EQ(todo_lines("// the lines to change carry a TODO.\nint x;  // TODO: fix\n"
                       "int y;  // TODO\n/* TODO */\n"),
            (std::vector<int>{2, 3, 4}));
  EXPECT_TRUE(todo_lines("int x;\n").empty());
}

// Tests that every reference solution uses its lab's technique and carries
// no TODO, and that every shipped exercise still carries its TODOs.
TEST(LabTechniqueTest, SolutionsPassExercisesAreMarked) {
  const auto set = cli::labs::LabSet::load(SAFELAB_LABS_SOURCE);
  for (const auto& lab : set.labs()) {
    EXPECT_FALSE(lab.technique.empty()) << lab.dir << " has no technique section";
    const std::string solution =
        slurp(fs::path(SAFELAB_LABS_SOURCE) / "solutions" / lab.dir / lab.exercise);
    ASSERT_FALSE(solution.empty()) << lab.dir;
    EXPECT_EQ(technique_problem(lab.id, lab.technique, solution), std::nullopt) << lab.dir;
    EXPECT_TRUE(todo_lines(solution).empty()) << lab.dir;
    EXPECT_FALSE(todo_lines(slurp(set.exercise_path(lab))).empty()) << lab.dir;
  }
}

// Tests, on source alone, every recorded wrong fix of an exercise whose
// expected message is a technique's: the rule that rejects it says so.
// (lab.wrong-fix.* runs each through `safelab labs check` in CTest.)
TEST(LabTechniqueTest, WrongFixesNameTheTechnique) {
  const auto set = cli::labs::LabSet::load(SAFELAB_LABS_SOURCE);
  int checked = 0;
  for (const auto& dir : fs::directory_iterator(SAFELAB_WRONG_FIXES)) {
    for (const auto& file : fs::directory_iterator(dir.path())) {
      const std::string text = slurp(file.path());
      const auto* lab = set.find(dir.path().filename().string().substr(0, 2));
      ASSERT_NE(lab, nullptr) << file.path();
      const std::size_t at = text.find("// EXPECT: ");
      ASSERT_NE(at, std::string::npos) << file.path();
      const std::string expect = text.substr(at + 11, text.find('\n', at) - at - 11);
      if (file.path().filename() != lab->exercise) continue;  // not the exercise (07's tests)
      const auto problem = technique_problem(lab->id, lab->technique, text);
      ++checked;
      if (lab->id == "01") {
        EXPECT_EQ(problem, std::nullopt) << "lab 01's wrong fix is caught at run time";
      }
      if (lab->id == "01" || lab->id == "02" || lab->id == "10") {
        // Rejected by a test that observes the technique (its message is
        // what the EXPECT line quotes), whatever the source rules also say.
        EXPECT_EQ(expect.find("lab " + lab->id + " teaches " + lab->technique.teaches), 0u)
            << file.path() << ": the run-time message must name the technique";
        continue;
      }
      // Each fix marked `// CAUGHT: at run time, by <test>` is rejected by
      // that test (lab.wrong-fix.* proves it), not by a source rule.
      if (text.find("// CAUGHT: at run time") != std::string::npos) continue;
      ASSERT_TRUE(problem.has_value()) << file.path();
      EXPECT_EQ(problem->find(expect), 0u) << *problem << "\nwant: " << expect;
    }
  }
  EXPECT_GE(checked, 6);
}

}  // namespace
}  // namespace safelab
