// labs/13-exceptions-vs-result/readings.h (do not edit: shared by the tests
// and the solution)
#ifndef SAFELAB_LABS_13_READINGS_H_
#define SAFELAB_LABS_13_READINGS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "safelab/err/checked.h"
#include "safelab/err/result.h"

namespace lab13 {

// One field of a line that is not a reading: which field (0-based) and why,
// as safelab::err::parse<std::int32_t>() reports it (kind, and the position
// of the offending character inside the field).
struct BadField {
  std::size_t field = 0;
  safelab::err::ParseError error;
  friend bool operator==(const BadField&, const BadField&) = default;
};

// total_readings()
//
// Sums one sensor line of comma-separated readings ("12,7,-3,40"), each a
// 32-bit signed integer; an empty line sums to 0. A field that is not a
// reading is an expected failure (sensors send garbage), so it is returned,
// never thrown: the error holds every bad field, in order.
safelab::err::Result<std::int64_t, std::vector<BadField>> total_readings(std::string_view line);

}  // namespace lab13

#endif  // SAFELAB_LABS_13_READINGS_H_
