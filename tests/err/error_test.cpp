// Tests of Error and its conversions to and from absl::Status / StatusOr.
#include "safelab/err/error.h"

#include <gtest/gtest.h>

#include <string>

namespace safelab::err {
namespace {

// Tests the accessors, the text form and with_context.
TEST(ErrorTest, CarriesCodeMessageAndLocation) {
  const unsigned line = __LINE__ + 1;
  const Error e(ErrorCode::kNotFound, "no key 'port'");
  EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  EXPECT_EQ(e.message(), "no key 'port'");
  EXPECT_EQ(e.location().line(), line);
  EXPECT_EQ(e.to_string(), "NOT_FOUND: no key 'port' [" + std::string(e.location().file_name()) +
                               ":" + std::to_string(line) + "]");
  const Error c = e.with_context("loading app.conf");
  EXPECT_EQ(c.message(), "loading app.conf: no key 'port'");
  EXPECT_EQ(c.code(), ErrorCode::kNotFound);
  EXPECT_EQ(c.location().line(), line);
}

// Tests every code's name and its numeric identity with absl::StatusCode.
TEST(ErrorTest, CodesMatchAbsl) {
  for (int raw = 1; raw <= 16; ++raw) {
    const auto code = static_cast<ErrorCode>(raw);
    EXPECT_EQ(std::string(to_string(code)),
              absl::StatusCodeToString(static_cast<absl::StatusCode>(raw)));
  }
}

// Tests Error -> Status -> Error keeps code and message, and carries the
// location as a payload.
TEST(ErrorTest, StatusRoundTrip) {
  const Error e(ErrorCode::kOutOfRange, "port 70000");
  const absl::Status s = to_status(e);
  EXPECT_EQ(s.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(), "port 70000");
  const auto payload =
      s.GetPayload(absl::string_view(kLocationPayloadUrl.data(), kLocationPayloadUrl.size()));
  ASSERT_TRUE(payload.has_value());
  EXPECT_NE(std::string(*payload).find("error_test.cpp:"), std::string::npos);
  Result<void, Error> back = from_status(s);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), e);
}

// Tests the OK cases and an out-of-range code.
TEST(ErrorTest, StatusOkAndUnknownCode) {
  EXPECT_TRUE(from_status(absl::OkStatus()).has_value());
  EXPECT_TRUE(to_status(Result<void, Error>(Ok())).ok());
  Result<void, Error> odd = from_status(absl::Status(static_cast<absl::StatusCode>(99), "x"));
  ASSERT_FALSE(odd.has_value());
  EXPECT_EQ(odd.error().code(), ErrorCode::kUnknown);
  EXPECT_EQ(odd.error().message(), "status code 99: x");
}

// Tests Result <-> StatusOr both ways, value and error.
TEST(ErrorTest, StatusOrRoundTrip) {
  absl::StatusOr<int> good = to_statusor(Result<int, Error>(5));
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 5);
  absl::StatusOr<int> bad =
      to_statusor(Result<int, Error>(Err(Error(ErrorCode::kInternal, "oops"))));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(from_statusor(good).value(), 5);
  Result<int, Error> back = from_statusor(bad);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(back.error().message(), "oops");
}

using ErrorDeathTest = ::testing::Test;

// Tests that unwrap() on a Result<T, Error> prints the Error's text form.
TEST_F(ErrorDeathTest, UnwrapPrintsErrorText) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Result<int, Error> r = Err(Error(ErrorCode::kPermissionDenied, "read-only"));
  ASSERT_FALSE(r.has_value());  // checked here, in the parent; the child unwraps
  EXPECT_DEATH((void)r.unwrap(), "PERMISSION_DENIED: read-only \\[.*error_test.cpp:");
}

}  // namespace
}  // namespace safelab::err
