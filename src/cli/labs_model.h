// src/cli/labs_model.h
//
// The lab set as the `safelab labs` runner sees it: labs/labs.json (the one
// description of every lab), each lab's hints.md, the shipped copies that
// `reset` restores (embedded in the binary at build time, see
// labs_shipped.h), and the runner's small state under the labs build dir
// (which hint was shown last, what the last check of each lab found).
//
//   LabSet::load(dir)    reads and validates labs.json; a malformed file is
//                        a LabsError naming the file and the problem
//   LabSet::find(name)   "01", "1", "01-data-race" or "data-race"
//   read_hints(path)     the graded hints of a hints.md, gentle first
//   RunnerState          hint stages and check results, one small text file
//
// Progress is never entered by hand: a lab is done when its last check
// passed *and* the lab's folder (exercise and tests) has not changed since.
#ifndef SAFELAB_CLI_LABS_MODEL_H_
#define SAFELAB_CLI_LABS_MODEL_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli_app.h"
#include "labs_technique.h"

namespace safelab::cli::labs {

// A problem with the lab set on disk (missing file, malformed labs.json):
// reported like a usage error, exit 2.
class LabsError : public InputError {
 public:
  using InputError::InputError;
};

// FailsAs
//
// How the untouched exercise must fail:
//   sanitizer      `build` (asan/tsan) reports `report` naming `function`
//   wrong-result   the tests fail in `build`, printing `message`
//   compile-error  the exercise does not compile; the diagnostic matches `regex`
struct FailsAs {
  std::string kind;
  std::string build;
  std::string report;
  std::string function;
  std::string message;
  std::string regex;

  // "tsan reports a data race in count_errors", "does not compile (nodiscard)".
  std::string describe() const;
};

struct Lab {
  std::string id;         // "01"
  std::string dir;        // "01-data-race"
  std::string title;      // one line
  std::string family;     // the catalog's: concurrency, errors, memory, io
  std::string component;  // the library it teaches: own, gil, err, mem, io
  std::string exercise;   // the file the learner edits, relative to dir
  std::vector<std::string> tests;
  std::vector<std::string> builds;  // default, asan, tsan: where its checks run
  FailsAs fails_as;
  Technique technique;  // what the exercise must and must not use

  std::string target() const { return "lab_" + id; }
};

class LabSet {
 public:
  // LabSet::load()
  //
  // Reads `labs_dir`/labs.json. Errors: LabsError naming the problem.
  static LabSet load(const std::filesystem::path& labs_dir);

  const std::filesystem::path& root() const { return root_; }
  const std::vector<Lab>& labs() const { return labs_; }

  // LabSet::find()
  //
  // The lab called `name` ("01", "1", "01-data-race", "data-race"), or nullptr.
  const Lab* find(std::string_view name) const;

  // "01-data-race, 02-gil-release ...": for "valid labs are" messages.
  std::vector<std::string> names() const;

  std::filesystem::path exercise_path(const Lab& lab) const;
  // The files `reset` restores: the exercise, then the tests (relative to
  // root(), "01-data-race/count_errors.cpp").
  std::vector<std::string> shipped_files(const Lab& lab) const;
  std::filesystem::path hints_path(const Lab& lab) const;
  // Every file of the lab a learner may edit or read (for `watch`).
  std::vector<std::filesystem::path> watched_files(const Lab& lab) const;

 private:
  std::filesystem::path root_;
  std::vector<Lab> labs_;
};

// The labs directory: $SAFELAB_LABS_DIR if set, else the source tree's labs/
// this binary was built from.
std::filesystem::path default_labs_dir();

// read_hints()
//
// The sections of a hints.md, in order: each starts at a `## ` heading and
// runs to the next. Errors: LabsError if the file is missing or has none.
std::vector<std::string> read_hints(const std::filesystem::path& path);

// A stable hash (FNV-1a, hex) of a file's bytes; "" if it cannot be read.
std::string content_hash(const std::filesystem::path& path);

// folder_hash()
//
// One hash of every file in the lab's folder (names and bytes; hidden files
// and editor backups `~` aside): the exercise *and* its tests, so that a
// check that passed because the tests were edited stops counting once they
// are restored, and the other way round.
std::string folder_hash(const LabSet& set, const Lab& lab);

// RunnerState
//
// `<labs build>/state.txt`, lines of `hint ID N` and `check ID pass|fail HASH
// REASON`. Losing it loses nothing that a re-check cannot restore.
class RunnerState {
 public:
  struct CheckRecord {
    bool pass = false;
    std::string hash;    // folder_hash of the lab that was checked
    std::string reason;  // one line, when !pass
  };

  explicit RunnerState(std::filesystem::path file);

  int hint_stage(const std::string& id) const;  // hints shown so far
  void set_hint_stage(const std::string& id, int stage);
  const CheckRecord* last_check(const std::string& id) const;
  void record_check(const std::string& id, CheckRecord record);
  // Forgets the lab's hint stage and last check (after a reset).
  void forget(const std::string& id);
  // Writes the file (creating its directory). Errors: LabsError.
  void save() const;

 private:
  std::filesystem::path file_;
  std::map<std::string, int> hints_;
  std::map<std::string, CheckRecord> checks_;
};

// Progress: what `list` shows for one lab. A lab is done when its last check
// passed on the lab's folder as it is now (a check passes only once the
// TODO markers are gone too); every other state is pending.
enum class Progress { done, failing, edited, unchecked };
std::string_view to_string(Progress p);  // "done", "failing", "edited", "unchecked"
Progress progress_of(const LabSet& set, const Lab& lab, const RunnerState& state);

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_MODEL_H_
