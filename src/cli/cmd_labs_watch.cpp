// safelab labs watch [NN]: checks the current lab, then re-checks it
// whenever one of its files changes, like a REPL.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "labs_commands.h"

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

// Waits until a watched file changes (polling mtimes: it works on every file
// system, where inotify misses edits over NFS or in some containers), the
// learner presses Enter (the manual fallback), or `deadline` passes.
// Returns what happened, in words, or "" at the deadline.
std::string wait_for_change(const LabSet& set, const Lab& lab, bool* stdin_open,
                            std::chrono::steady_clock::time_point deadline) {
  const Snapshot before = snapshot(set, lab);
  while (std::chrono::steady_clock::now() < deadline) {
    if (*stdin_open) {
      pollfd pfd{STDIN_FILENO, POLLIN, 0};
      if (poll(&pfd, 1, 150) > 0) {
        char buf[256];
        const ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n > 0) return "re-check requested";
        *stdin_open = false;  // EOF: no terminal, polling only
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
          return "changed: " + entry.first.filename().string();
        }
      }
      return "a file was removed";
    }
  }
  return {};
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
  std::int64_t checks = 0;
  bool last_pass = false;
  while (true) {
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
    std::cout << "watching " << lab->dir << "/ for changes"
              << (stdin_open ? " (Enter re-checks, Ctrl-C quits)" : "") << "...\n"
              << std::flush;
    const std::string why = wait_for_change(set, *lab, &stdin_open, deadline);
    if (why.empty()) {
      std::cout << "watch: stopped after " << o.timeout << " s\n";
      break;
    }
    std::cout << "\n" << why << "\n";
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
      "moves on to the next pending lab. Press Enter to re-check by hand; Ctrl-C quits.");
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
