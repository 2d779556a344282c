// Tests of the Sendable concept: owning types pass, views and pointers are
// refused, directly and inside other templates, and types can opt out.
#include "safelab/own/sendable.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct RowView {
  const char* begin;
};
struct Plain {
  int x;
};

}  // namespace

template <>
inline constexpr bool safelab::own::disable_sendable<RowView> = true;

namespace safelab::own {
namespace {

// Tests that owning types are Sendable.
TEST(OwnSendableTest, OwningTypesAreSendable) {
  EXPECT_TRUE(Sendable<int>);
  EXPECT_TRUE(Sendable<Plain>);
  EXPECT_TRUE(Sendable<std::string>);
  EXPECT_TRUE(Sendable<std::vector<std::string>>);
  EXPECT_TRUE((Sendable<std::map<std::string, std::vector<int>>>));
  EXPECT_TRUE(Sendable<std::unique_ptr<std::string>>);
  EXPECT_TRUE(Sendable<std::function<void(int)>>);
  EXPECT_TRUE(Sendable<const std::string>);
}

// Tests that pointers, references and views are refused.
TEST(OwnSendableTest, ViewsAndPointersAreNot) {
  EXPECT_FALSE(Sendable<int*>);
  EXPECT_FALSE(Sendable<const char*>);
  EXPECT_FALSE(Sendable<int&>);
  EXPECT_FALSE(Sendable<std::string&&>);
  EXPECT_FALSE(Sendable<int Plain::*>);
  EXPECT_FALSE(Sendable<std::string_view>);
  EXPECT_FALSE(Sendable<std::wstring_view>);
  EXPECT_FALSE(Sendable<std::span<int>>);
  EXPECT_FALSE((Sendable<std::span<const int, 4>>));
  EXPECT_FALSE(Sendable<std::reference_wrapper<int>>);
  EXPECT_FALSE(Sendable<void>);
}

// Tests that a view nested in another template is found.
TEST(OwnSendableTest, NestedViewsAreFound) {
  EXPECT_FALSE(Sendable<std::vector<std::string_view>>);
  EXPECT_FALSE((Sendable<std::pair<int, int*>>));
  EXPECT_FALSE(Sendable<std::optional<std::span<int>>>);
  EXPECT_FALSE((Sendable<std::map<std::string, std::vector<const char*>>>));
}

// Tests that a type can opt out through disable_sendable, also when nested.
TEST(OwnSendableTest, OptOutIsHonoured) {
  EXPECT_FALSE(Sendable<RowView>);
  EXPECT_FALSE(Sendable<std::vector<RowView>>);
}

}  // namespace
}  // namespace safelab::own
