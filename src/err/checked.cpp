#include "safelab/err/checked.h"

#include <string>

namespace safelab::err {

std::string_view to_string(ParseError::Kind kind) noexcept {
  switch (kind) {
    case ParseError::Kind::kEmpty: return "no digits";
    case ParseError::Kind::kInvalidCharacter: return "invalid character";
    case ParseError::Kind::kOutOfRange: return "number out of range";
  }
  return "parse error";
}

std::string ParseError::message() const {
  return std::string(safelab::err::to_string(kind)) + " at position " + std::to_string(position);
}

}  // namespace safelab::err
