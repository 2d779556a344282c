// libFuzzer target: parse_document_rust (Result + SAFELAB_TRY) on arbitrary
// bytes, checked against the python parser. See fuzz_parse_config.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_parse_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The rust parser must hold up on its own first: it never throws.
  const auto parsed = safelab::pairs::parse_document_rust(text);
  if (parsed.has_value()) {
    for (const auto& s : parsed->settings) {
      if (s.key.empty() || s.key.size() > safelab::pairs::kMaxKeyLength) {
        safelab::fuzz::disagree("rust accepted an invalid key");
      }
    }
  }
  safelab::fuzz::check_parsers_agree(text);
  return 0;
}
