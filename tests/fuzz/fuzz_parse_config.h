// tests/fuzz/fuzz_parse_config.h
//
// The property both parse_config fuzz targets check, differentially: for
// every input, each parser gives a Config or a ConfigError (never a crash, a
// leak, undefined behaviour, or any other exception), and the two parsers
// agree — on the Config, and on the kind and line of the error. (Columns of
// a bad value differ by design: the python parser, like Python's int(),
// does not know where inside the value the conversion failed.)
#ifndef SAFELAB_TESTS_FUZZ_FUZZ_PARSE_CONFIG_H_
#define SAFELAB_TESTS_FUZZ_FUZZ_PARSE_CONFIG_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "errors/parse_config.h"

namespace safelab::fuzz {

[[noreturn]] inline void disagree(const char* what) {
  std::fprintf(stderr, "parse_config fuzz: %s\n", what);
  std::abort();
}

inline void check_parsers_agree(std::string_view text) {
  using pairs::Config;
  using pairs::ConfigError;
  const err::Result<Config, ConfigError> rust = pairs::parse_document_rust(text);
  try {
    const Config python = pairs::parse_document_python(text);
    if (!rust.has_value()) disagree("python accepted a document rust rejected");
    if (!(python == *rust)) disagree("the parsers read different configs");
  } catch (const pairs::ConfigSyntaxError& e) {
    if (rust.has_value()) disagree("python rejected a document rust accepted");
    if (e.error().kind != rust.error().kind || e.error().line != rust.error().line) {
      disagree("the parsers report different errors");
    }
  }
  // Any other exception escapes and libFuzzer reports it as a crash.
}

}  // namespace safelab::fuzz

#endif  // SAFELAB_TESTS_FUZZ_FUZZ_PARSE_CONFIG_H_
