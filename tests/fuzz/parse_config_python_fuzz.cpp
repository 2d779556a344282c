// libFuzzer target: parse_document_python (exceptions) on arbitrary bytes:
// it returns a Config or throws ConfigSyntaxError, nothing else, and agrees
// with the rust parser. See fuzz_parse_config.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_parse_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)safelab::pairs::parse_document_python(text);
  } catch (const safelab::pairs::ConfigSyntaxError&) {
    // an error is a fine answer
  }
  safelab::fuzz::check_parsers_agree(text);
  return 0;
}
