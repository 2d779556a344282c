// Tests that every safe variant of the `serve_requests` topic gives the
// reference answer. The unsafe variant never runs here: only the verdict
// runner's child process runs it.
#include "io/serve_requests.h"

#include <gtest/gtest.h>

#include <ostream>

namespace safelab::pairs {
namespace {

struct Variant {
  const char* name;  // the test's name: stable, unlike the function's address
  ServeRequestsOutput (*run)(const io::LoadOptions&);
};
void PrintTo(const Variant& v, std::ostream* out) { *out << v.name; }

class ServeRequestsTest : public ::testing::TestWithParam<Variant> {};

// Tests that a safe variant answers every request correctly and counts
// exactly what it answered.
TEST_P(ServeRequestsTest, MatchesReference) {
  const io::LoadOptions in = ServeRequests::make_input({.threads = 3, .size = 40, .seed = 7});
  const ServeRequestsOutput expected = ServeRequests::reference(in);
  const ServeRequestsOutput got = GetParam().run(in);
  EXPECT_EQ(ServeRequests::show(got), ServeRequests::show(expected));
  EXPECT_EQ(got.answered, 120u);
}

INSTANTIATE_TEST_SUITE_P(SafeVariants, ServeRequestsTest,
                         ::testing::Values(Variant{"python", &serve_requests_python},
                                           Variant{"python_async", &serve_requests_python_async},
                                           Variant{"rust", &serve_requests_rust}),
                         [](const ::testing::TestParamInfo<Variant>& v) { return v.param.name; });

// Tests that the catalog lists the four variants with the unsafe one
// expecting a TSan data race in its handler.
TEST(ServeRequestsCatalogTest, FourVariantsRegistered) {
  for (const char* id :
       {"serve_requests/python", "serve_requests/python-async", "serve_requests/rust"}) {
    const catalog::Entry* e = catalog::find(id);
    ASSERT_NE(e, nullptr) << id;
    EXPECT_TRUE(e->expectation.is_clean());
  }
  const catalog::Entry* unsafe = catalog::find("serve_requests/unsafe");
  ASSERT_NE(unsafe, nullptr);
  EXPECT_EQ(unsafe->expectation.tool, catalog::Tool::tsan);
  EXPECT_EQ(unsafe->expectation.function, "handle_request_unsafe");
}

}  // namespace
}  // namespace safelab::pairs
