// Tests that every safe variant of the own_* catalog topics gives the
// reference answer. Unsafe variants are never called here: they run only in
// the verdict runner's child process.
#include <gtest/gtest.h>

#include "concurrency/own_escaped_reference.h"
#include "concurrency/own_moved_then_used.h"

namespace safelab::pairs {
namespace {

// Tests escaped_reference's safe variants at 1, 2 and 4 threads.
TEST(OwnPairsTest, EscapedReferenceSafeVariantsAgree) {
  for (int threads : {1, 2, 4}) {
    const auto in = EscapedReference::make_input({threads, 1000, 1});
    const auto expected = EscapedReference::reference(in);
    EXPECT_EQ(escaped_reference_python(in), expected) << threads << " threads";
    EXPECT_EQ(escaped_reference_rust(in), expected) << threads << " threads";
  }
}

// Tests moved_then_used's safe variants, including a partial last batch.
TEST(OwnPairsTest, MovedThenUsedSafeVariantsAgree) {
  for (int threads : {2, 3, 5}) {
    const auto in = MovedThenUsed::make_input({threads, 10'000 + 17, 1});
    const auto expected = MovedThenUsed::show(MovedThenUsed::reference(in));
    EXPECT_EQ(MovedThenUsed::show(moved_then_used_python(in)), expected) << threads;
    EXPECT_EQ(MovedThenUsed::show(moved_then_used_rust(in)), expected) << threads;
  }
}

}  // namespace
}  // namespace safelab::pairs
