// safelab's side of tests/conformance/rust/err_cases.rs: the same cases,
// printed in the same format (Rust's {:?}), compared line by line by
// tests/conformance/compare_with_rust.cmake when rustc is present.
#include <cstdint>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include "safelab/err/checked.h"
#include "safelab/err/option.h"
#include "safelab/err/result.h"

namespace {

using safelab::err::Err;
using safelab::err::Option;
using safelab::err::Result;

template <class T>
std::string show(const T& v) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return "\"" + std::string(std::string_view(v)) + "\"";
  } else {
    return std::to_string(+v);  // + prints an int8_t as a number
  }
}
template <class T>
std::string show(const Option<T>& o) {
  return o ? "Some(" + show(*o) + ")" : "None";
}

void line(std::string_view what, const std::string& value) {
  std::cout << what << " = " << value << '\n';
}

}  // namespace

int main() {
  using namespace safelab::err;  // NOLINT: a test printer
  constexpr auto kMin = std::numeric_limits<std::int32_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int32_t>::max();
  line("i32 checked_shl(1, 4)", show(checked_shl(1, 4)));
  line("i32 checked_shl(1, 129)", show(checked_shl(1, 129)));
  line("i32 checked_shl(16, 31)", show(checked_shl(16, 31)));
  line("i32 checked_shl(1, 32)", show(checked_shl(1, 32)));
  line("i32 checked_shl(1, 31)", show(checked_shl(1, 31)));
  line("i8 checked_shl(1, 7)", show(checked_shl(std::int8_t{1}, 7)));
  line("u8 checked_shl(255, 4)", show(checked_shl(std::uint8_t{255}, 4)));
  line("u8 checked_shl(1, 8)", show(checked_shl(std::uint8_t{1}, 8)));
  line("i32 checked_shr(16, 4)", show(checked_shr(16, 4)));
  line("i32 checked_shr(16, 33)", show(checked_shr(16, 33)));
  line("i32 checked_shr(-8, 1)", show(checked_shr(-8, 1)));
  line("i32 checked_shr(MIN, 31)", show(checked_shr(kMin, 31)));
  line("i32 checked_neg(5)", show(checked_neg(5)));
  line("i32 checked_neg(MIN)", show(checked_neg(kMin)));
  line("u32 checked_neg(0)", show(checked_neg(0u)));
  line("u32 checked_neg(1)", show(checked_neg(1u)));
  line("i32 checked_abs(-5)", show(checked_abs(-5)));
  line("i32 checked_abs(MIN)", show(checked_abs(kMin)));
  line("i32 checked_pow(8, 2)", show(checked_pow(8, 2)));
  line("i32 checked_pow(MAX, 2)", show(checked_pow(kMax, 2)));
  line("i32 checked_pow(-2, 31)", show(checked_pow(-2, 31)));
  line("i32 checked_pow(2, 31)", show(checked_pow(2, 31)));
  line("i32 checked_pow(0, 0)", show(checked_pow(0, 0)));
  line("u8 checked_pow(2, 5)", show(checked_pow(std::uint8_t{2}, 5)));
  line("u8 checked_pow(255, 2)", show(checked_pow(std::uint8_t{255}, 2)));
  line("i8 checked_pow(-2, 7)", show(checked_pow(std::int8_t{-2}, 7)));
  line("i8 checked_pow(-2, 8)", show(checked_pow(std::int8_t{-2}, 8)));
  line("u64 checked_pow(3, 40)", show(checked_pow(std::uint64_t{3}, 40)));
  line("u64 checked_pow(3, 41)", show(checked_pow(std::uint64_t{3}, 41)));
  line("i32 checked_add(MAX, 1)", show(checked_add(kMax, 1)));
  line("u8 checked_add(200, 55)", show(checked_add(std::uint8_t{200}, 55)));
  line("i64 checked_mul(MIN, -1)", show(checked_mul(std::numeric_limits<std::int64_t>::min(), -1)));
  line("i32 checked_div(MIN, -1)", show(checked_div(kMin, -1)));
  line("i32 checked_rem(7, 0)", show(checked_rem(7, 0)));

  using R = Result<std::uint32_t, std::string_view>;
  const R ok = 2u;
  const R err = Err(std::string_view("Nothing here"));
  line("Ok(2).ok()", show(ok.ok()));
  line("Err(\"Nothing here\").ok()", show(err.ok()));
  line("Ok(2).err()", show(ok.err()));
  line("Err(\"Nothing here\").err()", show(err.err()));
  auto count = [](std::string_view x) { return static_cast<std::uint32_t>(x.size()); };
  line("Ok(2).unwrap_or_else(len)", show(ok.unwrap_or_else(count)));
  line("Err(\"foo\").unwrap_or_else(len)",
       show(R(Err(std::string_view("foo"))).unwrap_or_else(count)));
  using S = Result<std::string_view, std::string_view>;
  auto len = [](std::string_view v) { return v.size(); };
  auto k42 = [](auto&&...) { return std::size_t{42}; };
  line("Ok(\"foo\").map_or(42, len)", show(S("foo").map_or(std::size_t{42}, len)));
  line("Err(\"bar\").map_or(42, len)",
       show(S(Err(std::string_view("bar"))).map_or(std::size_t{42}, len)));
  line("Ok(\"foo\").map_or_else(42, len)", show(S("foo").map_or_else(k42, len)));
  line("Err(\"bar\").map_or_else(42, len)",
       show(S(Err(std::string_view("bar"))).map_or_else(k42, len)));
  line("Some(4).unwrap_or_else(20)", show(Option<int>(4).unwrap_or_else([] { return 20; })));
  line("None.unwrap_or_else(20)", show(Option<int>().unwrap_or_else([] { return 20; })));
  using O = Option<std::string_view>;
  line("Some(\"foo\").map_or(42, len)", show(O("foo").map_or(std::size_t{42}, len)));
  line("None.map_or(42, len)", show(O().map_or(std::size_t{42}, len)));
  line("Some(\"foo\").map_or_else(42, len)", show(O("foo").map_or_else(k42, len)));
  line("None.map_or_else(42, len)", show(O().map_or_else(k42, len)));
  return 0;
}
