// src/cli/labs_technique.h
//
// The technique a lab teaches, checked on the learner's source: a lab's tests
// and sanitizers see the symptom (a wrong total, a report), and a wrong fix
// can silence the symptom without using the technique (a std::mutex where the
// lab teaches channels, a static buffer where it teaches owning the string).
// labs.json's `technique` section says what the exercise must and must not
// use; `safelab labs check` runs these checks once the tests pass.
//
//   strip_code()         the source with comments and string/char literals
//                        blanked (lines kept), so that "std::mutex" in a
//                        comment or a message is not code
//   technique_problem()  the first rule the source breaks, in plain words:
//                        "lab 04 teaches channels: the exercise still uses
//                        std::mutex (...)"
//   todo_lines()         the lines that still carry a `// TODO` marker
//
// The checks read tokens, not an AST: they reject the wrong fixes a learner
// tries (recorded under tests/labs/wrong_fixes/), not every possible one.
// Where a technique can be observed at run time, the lab's tests observe it
// too (lab 01: two threads counted at the same moment).
#ifndef SAFELAB_CLI_LABS_TECHNIQUE_H_
#define SAFELAB_CLI_LABS_TECHNIQUE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safelab::cli::labs {

// One rule of a technique; `says` is the message, where "{}" stands for the
// text that matched (a forbidden token) or is absent (a requirement).
struct TechniqueRule {
  std::string regex;  // ECMAScript, searched in the stripped source
  std::string says;
  // For a scoped rule: the code from the match of `opens` to the end of its
  // block must not match `regex` (lab 02: nothing but the kernel runs with
  // the GIL released).
  std::string opens;
};

struct Technique {
  std::string teaches;  // "channels instead of shared state"
  std::vector<TechniqueRule> requires_;
  std::vector<TechniqueRule> forbids;
  std::vector<TechniqueRule> scoped;

  bool empty() const { return requires_.empty() && forbids.empty() && scoped.empty(); }
};

// strip_code()
//
// `source` with every comment, string literal (raw ones too) and character
// literal replaced by spaces; newlines stay, so offsets and line numbers
// still match the original.
std::string strip_code(std::string_view source);

// technique_problem()
//
// The first rule of `technique` that `source` (the exercise, unstripped)
// breaks, as "lab ID teaches TEACHES: SAYS", or nullopt. Forbidden tokens
// are checked before requirements: "still uses std::mutex" says more than
// "does not use a channel". Errors: LabsError if a regex is malformed.
std::optional<std::string> technique_problem(const std::string& lab_id, const Technique& technique,
                                             std::string_view source);

// todo_lines()
//
// The 1-based lines of `source` with a comment that starts with TODO (the
// lab's markers: `// TODO: ...`); prose that mentions "a TODO" is not one.
std::vector<int> todo_lines(std::string_view source);

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_TECHNIQUE_H_
