// safelab/err/source_location.h
//
// SourceLocation: the file, line and function of a call site, captured by a
// default argument — what C++20's std::source_location does, available on
// every compiler safelab supports.
//
// Why not std::source_location? libstdc++ 12 implements it with
// __builtin_source_location(), which Clang only gained in version 15: with
// Clang 14 and libstdc++, <source_location> declares nothing. The
// __builtin_FILE/LINE/FUNCTION intrinsics used here exist in GCC and Clang
// alike, and, used as default arguments, evaluate at the outermost caller —
// also through a chain of default arguments (`f(SourceLocation where =
// SourceLocation::current())`), which is how panic(), Err() and value()
// name their caller's line. (Abseil's SourceLocation works the same way.)
//
// Differences from std::source_location: column() is always 0, and
// function_name() is the bare name ("parse_port"), not a signature.
//
// Example:
//
//   void log_here(std::string_view msg,
//                 safelab::err::SourceLocation where = safelab::err::SourceLocation::current()) {
//     std::cerr << where.file_name() << ":" << where.line() << ": " << msg << "\n";
//   }
#ifndef SAFELAB_ERR_SOURCE_LOCATION_H_
#define SAFELAB_ERR_SOURCE_LOCATION_H_

#include <cstdint>

namespace safelab::err {

class SourceLocation {
  struct PrivateTag {};

 public:
  // A location with no file (""), line 0 and no function ("").
  constexpr SourceLocation() noexcept = default;

  // SourceLocation::current()
  //
  // The caller's location. Never pass the arguments: they exist so that the
  // compiler fills them in at the call site.
  static constexpr SourceLocation current(PrivateTag = PrivateTag{},
                                          const char* file = __builtin_FILE(),
                                          std::uint_least32_t line = __builtin_LINE(),
                                          const char* function = __builtin_FUNCTION()) noexcept {
    return SourceLocation(file, line, function);
  }

  constexpr const char* file_name() const noexcept { return file_; }
  constexpr std::uint_least32_t line() const noexcept { return line_; }
  constexpr std::uint_least32_t column() const noexcept { return 0; }
  constexpr const char* function_name() const noexcept { return function_; }

 private:
  constexpr SourceLocation(const char* file, std::uint_least32_t line,
                           const char* function) noexcept
      : file_(file), line_(line), function_(function) {}

  const char* file_ = "";
  std::uint_least32_t line_ = 0;
  const char* function_ = "";
};

}  // namespace safelab::err

#endif  // SAFELAB_ERR_SOURCE_LOCATION_H_
