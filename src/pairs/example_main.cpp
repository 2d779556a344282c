// safelab-example: runs exactly one catalog entry, then exits.
//
// This is the child process of the verdict runner, built once per sanitizer
// flavour (build/<preset>/bin/safelab-example). Unsafe entries are only ever
// run here, never inside the `safelab` CLI or a test binary. The protocol on
// stdout, read by sanitizers/verdict:
//
//   ENTRY count_events/unsafe sanitizer=tsan threads=2 size=2000000
//   RESULT 1999871
//   EXPECTED 2000000
//   DONE
//
// Exit status: 0 if the result is correct, 3 if it is wrong, 2 on bad usage.
// A sanitizer that halts the program exits with its own status instead.
#include <cstdint>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "catalog.h"

int main(int argc, char** argv) {
  namespace catalog = safelab::catalog;
  std::string id;
  std::int64_t threads = 0;
  std::int64_t size = 0;
  std::int64_t seed = 1;
  bool build_info = false;
  CLI::App app("Runs one catalog entry (TOPIC/VARIANT) in this process.", "safelab-example");
  app.add_option("entry", id, "TOPIC/VARIANT, the entry to run");
  app.add_option("--threads", threads, "threads (default: the entry's)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1024}));
  app.add_option("--size", size, "problem size (default: the entry's)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
  app.add_option("--seed", seed, "seed for generated inputs")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 62));
  app.add_flag("--build-info", build_info, "print the sanitizer this binary was built with");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << "safelab-example: " << e.what() << "\n";
    return 2;
  }
  if (build_info) {
    std::cout << "sanitizer=" << SAFELAB_SANITIZER_NAME << "\n";
    return 0;
  }
  if (id.empty()) {
    std::cerr << "safelab-example: missing TOPIC/VARIANT\n";
    return 2;
  }
  const catalog::Entry* entry = catalog::find(id);
  if (entry == nullptr) {
    std::cerr << "safelab-example: unknown entry '" << id << "'; see `safelab list`\n";
    return 2;
  }
  const catalog::Params params =
      catalog::resolve(*entry, {static_cast<int>(threads), size, static_cast<std::uint64_t>(seed)});
  std::cout << "ENTRY " << id << " sanitizer=" << SAFELAB_SANITIZER_NAME
            << " threads=" << params.threads << " size=" << params.size << std::endl;
  const catalog::Outcome outcome = entry->run(params);
  std::cout << "RESULT " << outcome.result << "\nEXPECTED " << outcome.expected << "\nELAPSED_NS "
            << outcome.elapsed.count() << "\nDONE" << std::endl;
  return outcome.correct() ? 0 : 3;
}
