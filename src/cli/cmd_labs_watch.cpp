// safelab labs watch [NN]: checks the current lab, then re-checks it
// whenever one of its files changes, like a REPL. On a terminal, single keys
// ask for a hint, the next lab, the list, a re-check or the end.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <string_view>
#include <thread>

#include "labs_commands.h"
#include "labs_watch_keys.h"

namespace safelab::cli::labs {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using Snapshot = std::vector<std::pair<fs::path, fs::file_time_type>>;

Snapshot snapshot(const LabSet& set, const Lab& lab) {
  Snapshot s;
  std::error_code ec;
  for (const fs::path& p : set.watched_files(lab)) s.emplace_back(p, fs::last_write_time(p, ec));
  return s;
}

// What ended a wait: a file changed, the learner asked for something, or
// the deadline passed.
struct Event {
  std::optional<WatchCommand> command;  // a key (or any input without a terminal)
  std::string changed;                  // "changed: f.cpp", when a file changed
  bool deadline = false;
};

// Waits until a watched file changes (polling mtimes: it works on every file
// system, where inotify misses edits over NFS or in some containers), the
// learner asks for something on stdin, or `deadline` passes.
Event wait_for_event(const LabSet& set, const Lab& lab, bool* stdin_open, bool keys,
                     std::chrono::steady_clock::time_point deadline) {
  const Snapshot before = snapshot(set, lab);
  while (std::chrono::steady_clock::now() < deadline) {
    if (*stdin_open) {
      pollfd pfd{STDIN_FILENO, POLLIN, 0};
      if (poll(&pfd, 1, 150) > 0) {
        char buf[256];
        const ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n > 0) {
          if (auto c = watch_command(std::string_view(buf, static_cast<std::size_t>(n)), keys)) {
            return {c, "", false};
          }
        } else {
          *stdin_open = false;  // EOF: no terminal, polling only
        }
      }
    } else {
      std::this_thread::sleep_for(150ms);
    }
    const Snapshot now = snapshot(set, lab);
    if (now != before) {
      for (const auto& entry : now) {  // not a structured binding: Clang 14 cannot capture one
        const auto it = std::find_if(before.begin(), before.end(),
                                     [&](const auto& b) { return b.first == entry.first; });
        if (it == before.end() || it->second != entry.second) {
          return {std::nullopt, "changed: " + entry.first.filename().string(), false};
        }
      }
      return {std::nullopt, "a file was removed", false};
    }
  }
  return {std::nullopt, "", true};
}

// The lab after `current` in learning order that is not done, wrapping
// around; `current` itself if it is the only one left, nullptr if none is.
const Lab* next_after(const LabSet& set, const Lab& current, const RunnerState& state) {
  const auto& labs = set.labs();
  const auto at =
      std::find_if(labs.begin(), labs.end(), [&](const Lab& l) { return &l == &current; });
  const std::size_t start = static_cast<std::size_t>(at - labs.begin());
  for (std::size_t k = 1; k <= labs.size(); ++k) {
    const Lab& l = labs[(start + k) % labs.size()];
    if (progress_of(set, l, state) != Progress::done) return &l;
  }
  return nullptr;
}

struct Options {
  Where where;
  std::string name;
  std::int64_t max_checks = 0;
  std::int64_t timeout = 0;
  std::int64_t test_timeout = 20;
};

int run(const Options& o, const std::string& command) {
  const LabSet set = LabSet::load(o.where.labs());
  const Lab* lab = nullptr;
  if (!o.name.empty()) {
    lab = lab_or_complain(set, o.name, command);
    if (lab == nullptr) return 2;
  } else {
    lab = next_pending(set, RunnerState(o.where.state_file()));
    if (lab == nullptr) {
      std::cout << "Every lab is done.\n";
      return 0;
    }
  }
  const auto deadline = o.timeout == 0
                            ? std::chrono::steady_clock::time_point::max()
                            : std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout);
  bool stdin_open = isatty(STDIN_FILENO) != 0;
  const RawKeys raw(STDIN_FILENO);  // single keys on a terminal, restored on exit and Ctrl-C
  const bool keys = raw.active();
  std::int64_t checks = 0;
  bool last_pass = false;
  bool check_now = true;
  while (true) {
    if (check_now) {
      const CheckOutcome out =
          check_and_record(set, *lab, o.where, std::chrono::seconds(o.test_timeout), std::cout);
      ++checks;
      last_pass = out.pass;
      if (out.setup_error) {
        std::cerr << command << ": " << out.reason << "\n";
        return 2;
      }
      if (o.max_checks != 0 && checks >= o.max_checks) break;
      if (out.pass && o.name.empty()) {
        lab = next_pending(set, RunnerState(o.where.state_file()));
        if (lab == nullptr) {
          std::cout << "Every lab is done.\n";
          return 0;
        }
        std::cout << "\nOn to lab " << lab->dir << ": read "
                  << (fs::path(lab->dir) / "README.md").string() << ".\n";
        continue;
      }
    }
    check_now = true;
    std::cout << "watching " << lab->dir << "/ for changes ("
              << done_count(set, RunnerState(o.where.state_file()))
              << (keys ? std::string("; keys: ").append(kWatchKeys)
                       : std::string(stdin_open ? "; Enter re-checks, Ctrl-C quits" : ""))
              << ")...\n"
              << std::flush;
    const Event e = wait_for_event(set, *lab, &stdin_open, keys, deadline);
    if (e.deadline) {
      std::cout << "watch: stopped after " << o.timeout << " s\n";
      break;
    }
    if (!e.command) {
      std::cout << "\n" << e.changed << "\n";
      continue;
    }
    switch (*e.command) {
      case WatchCommand::quit: std::cout << "watch: quit\n"; return last_pass ? 0 : 1;
      case WatchCommand::recheck: std::cout << "\nre-check requested\n"; break;
      case WatchCommand::hint:
        std::cout << "\n";
        show_next_hint(set, *lab, o.where, false, std::cout);
        check_now = false;
        break;
      case WatchCommand::list:
        std::cout << "\n";
        print_list(set, o.where, Format::table, std::cout);
        check_now = false;
        break;
      case WatchCommand::next:
        if (const Lab* next = next_after(set, *lab, RunnerState(o.where.state_file()));
            next != nullptr && next != lab) {
          lab = next;
          std::cout << "\nOn to lab " << lab->dir << ": read "
                    << (fs::path(lab->dir) / "README.md").string() << ".\n";
        } else {
          std::cout << "\nNo other lab is pending.\n";
          check_now = false;
        }
        break;
    }
  }
  return last_pass ? 0 : 1;
}

}  // namespace

void add_watch(CLI::App& labs, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      labs, "watch", "re-check the current lab whenever its files change",
      "Checks the current lab (NN, else the next pending one), then re-checks it whenever one of "
      "its files changes, like a REPL: save, and the verdict follows in seconds. When it passes, "
      "moves on to the next pending lab. On a terminal, keys: h the next hint, n the next lab, l "
      "the list, r or Enter re-check now, q quit (the terminal's mode is restored on exit and "
      "Ctrl-C). Without a terminal, any input re-checks.");
  app->add_option("lab", opts->name, "NN: the lab to watch (default: the next pending one)");
  opts->where.add_to(app, true);
  app->add_option("--max-checks", opts->max_checks, "stop after this many checks (0: never)")
      ->check(between(0, 1'000'000));
  app->add_option("--timeout", opts->timeout, "stop after this many seconds (0: never)")
      ->check(between(0, 86'400));
  app->add_option("--test-timeout", opts->test_timeout,
                  "seconds before a test run is killed (default 20)")
      ->check(between(1, 3600));
  commands.add(app, [opts, app] { return run(*opts, command_path(app)); });
}

}  // namespace safelab::cli::labs
