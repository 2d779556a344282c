// labs/15-checked-mode/import_batch.h (do not edit: shared by the tests and
// the solution)
#ifndef SAFELAB_LABS_15_IMPORT_BATCH_H_
#define SAFELAB_LABS_15_IMPORT_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "safelab/err/error.h"
#include "safelab/err/result.h"

namespace lab15 {

// The stock: item name -> quantity.
using Stock = std::map<std::string, std::int64_t, std::less<>>;

// add_line(): one line "item,quantity" adds `quantity` to the item's stock.
// Errors (the stock is then unchanged): kInvalidArgument for a line without
// an item and a comma, or a quantity that is not a number.
safelab::err::Result<void, safelab::err::Error> add_line(std::string_view line, Stock& stock);

struct BatchReport {
  std::size_t added = 0;                      // lines that went into the stock
  std::vector<safelab::err::Error> failures;  // one per bad line, in order
};

// import_batch()
//
// Adds every good line of `text` (one per line) and carries on past bad
// ones: each bad line's error goes into `failures`, its message prefixed
// with "line N: " (1-based). Nothing is lost: added + failures.size() is the
// number of lines.
BatchReport import_batch(std::string_view text, Stock& stock);

}  // namespace lab15

#endif  // SAFELAB_LABS_15_IMPORT_BATCH_H_
