// src/cli/labs_shipped.h
//
// The lab files as shipped, embedded in the binary at build time (generated
// by labs/cmake/embed_shipped.cmake from git's HEAD): what `safelab labs
// reset NN` restores a learner's edited exercise and tests to.
#ifndef SAFELAB_CLI_LABS_SHIPPED_H_
#define SAFELAB_CLI_LABS_SHIPPED_H_

#include <optional>
#include <span>
#include <string_view>

namespace safelab::cli::labs {

struct ShippedFile {
  std::string_view path;     // relative to labs/: "01-data-race/count_errors.cpp"
  std::string_view content;  // the committed bytes
};

// Every embedded file, in labs.json order (each exercise, then its tests).
std::span<const ShippedFile> shipped_files();

// The shipped bytes of `path`, or nullopt if it is not embedded.
inline std::optional<std::string_view> shipped_content(std::string_view path) {
  for (const ShippedFile& f : shipped_files()) {
    if (f.path == path) return f.content;
  }
  return std::nullopt;
}

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_SHIPPED_H_
