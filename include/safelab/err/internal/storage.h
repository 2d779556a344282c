// safelab/err/internal/storage.h
//
// INTERNAL: not part of the API; include result.h or option.h instead.
//
// Where a Result<T, E> and an Option<T> keep their contents, chosen so that
// the happy path costs what a plain error code or a pointer-or-null costs.
//
//   ResultStorage<S, E>   std::variant<S, E>, or, for small trivially
//                         copyable S and E, both side by side plus a flag
//   OptionStorage<T>      std::optional<T>, the flat {T, flag} pair for small
//                         trivially copyable T, or a pointer for T&
//
// Why two layouts? GCC 12 builds a union that it returns in registers in a
// stack slot first: it stores the 4-byte int, stores the 1-byte index, then
// reloads the slot as two 8-byte registers. Those reloads span two narrower
// stores, so the CPU cannot forward them from the store buffer and the
// returned value waits for the stores to reach L1 (a store-forwarding stall,
// about a dozen cycles on the critical path of every call). That is why
// `Result<int32_t, ParseError>` (std::variant inside) and `Option<int32_t>`
// (std::optional inside) were 5-13% behind an `int` return code in
// bench_errors. A struct with no union in it is built directly in the two
// return registers (shift and or), as Clang does for both.
//
// The flat layout keeps a value-initialised object in the inactive slot, so
// it is only chosen where that is free and unobservable: both types
// trivially copyable and destructible, nothrow default constructible, and
// the whole fitting in the two registers of the x86-64 / AArch64 return
// convention (16 bytes). Larger or non-trivial types are returned through
// memory anyway, and keep the std::variant / std::optional layout.
#ifndef SAFELAB_ERR_INTERNAL_STORAGE_H_
#define SAFELAB_ERR_INTERNAL_STORAGE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace safelab::err::internal {

// Returned in at most two registers by the x86-64 SysV and AArch64 ABIs.
inline constexpr std::size_t kRegisterPairBytes = 16;

// True when a value-initialised T can sit unused in an inactive slot at no
// cost and with no effect anyone could observe.
template <class T>
inline constexpr bool kFlatSlotOk =
    std::conjunction_v<std::negation<std::is_const<T>>, std::is_trivially_copyable<T>,
                       std::is_trivially_destructible<T>, std::is_nothrow_default_constructible<T>>;

// ------------------------------------------------------------ Result -------

// The flag is 32 bits wide rather than a bool so that, with 4-byte S and E
// or an 8-byte one and a 4-byte one (Result<int32_t, ParseError>), the
// layout has no padding at all: GCC 12 builds an object with padding bytes
// in the return registers by masking stale register and stack contents into
// them, half a dozen extra instructions per return.
template <class S, class E>
struct FlatResultLayout {
  S value;
  E error;
  std::uint32_t ok;
};

template <class S, class E>
inline constexpr bool kFlatResult =
    (kFlatSlotOk<S>)&&(kFlatSlotOk<E>)&&(sizeof(FlatResultLayout<S, E>) <= kRegisterPairBytes);

// ResultStorage<S, E>
//
// has_value(), value(), error(); value() and error() REQUIRE the matching
// case (Result checks before it calls them).
template <class S, class E, bool Flat = kFlatResult<S, E>>
class ResultStorage {
 public:
  template <class... Args>
  constexpr explicit ResultStorage(std::in_place_index_t<0> i, Args&&... args)
      : v_(i, std::forward<Args>(args)...) {}
  template <class... Args>
  constexpr explicit ResultStorage(std::in_place_index_t<1> i, Args&&... args)
      : v_(i, std::forward<Args>(args)...) {}

  constexpr bool has_value() const noexcept { return v_.index() == 0; }
  constexpr S& value() noexcept { return *std::get_if<0>(&v_); }
  constexpr const S& value() const noexcept { return *std::get_if<0>(&v_); }
  constexpr E& error() noexcept { return *std::get_if<1>(&v_); }
  constexpr const E& error() const noexcept { return *std::get_if<1>(&v_); }

 private:
  std::variant<S, E> v_;
};

// The layout is value-initialised before the active side is constructed
// over its slot: that zeroes every byte, padding included. Without it GCC
// keeps whatever was in the padding bytes (inside E, after the flag) and
// assembles the return registers with masks and a load from the stack.
template <class S, class E>
class ResultStorage<S, E, true> {
 public:
  template <class... Args>
  constexpr explicit ResultStorage(std::in_place_index_t<0>, Args&&... args) : l_() {
    std::construct_at(std::addressof(l_.value), std::forward<Args>(args)...);
    l_.ok = 1;
  }
  template <class... Args>
  constexpr explicit ResultStorage(std::in_place_index_t<1>, Args&&... args) : l_() {
    std::construct_at(std::addressof(l_.error), std::forward<Args>(args)...);
  }

  constexpr bool has_value() const noexcept { return l_.ok != 0; }
  constexpr S& value() noexcept { return l_.value; }
  constexpr const S& value() const noexcept { return l_.value; }
  constexpr E& error() noexcept { return l_.error; }
  constexpr const E& error() const noexcept { return l_.error; }

 private:
  FlatResultLayout<S, E> l_;
};

// ------------------------------------------------------------ Option -------

template <class T>
struct FlatOptionLayout {
  T value;
  bool has;
};

template <class T>
inline constexpr bool kFlatOption = kFlatSlotOk<T> &&
                                    (sizeof(FlatOptionLayout<T>) <= kRegisterPairBytes);

// OptionStorage<T>
//
// has(), get(), reset(), emplace(args...); get() REQUIRES has().
template <class T, bool Flat = kFlatOption<T>>
class OptionStorage {
 public:
  constexpr OptionStorage() = default;
  template <class... Args>
  constexpr explicit OptionStorage(std::in_place_t, Args&&... args)
      : v_(std::in_place, std::forward<Args>(args)...) {}

  constexpr bool has() const noexcept { return v_.has_value(); }
  constexpr T& get() & noexcept { return *v_; }
  constexpr const T& get() const& noexcept { return *v_; }
  constexpr T&& get() && noexcept { return std::move(*v_); }
  constexpr void reset() noexcept { v_.reset(); }
  template <class... Args>
  constexpr T& emplace(Args&&... args) {
    return v_.emplace(std::forward<Args>(args)...);
  }

 private:
  std::optional<T> v_;
};

// Value-initialised first, as the flat ResultStorage and for the same
// reason. emplace() constructs over the old value: T is trivially
// destructible, so there is nothing to destroy.
template <class T>
class OptionStorage<T, true> {
 public:
  constexpr OptionStorage() noexcept : l_() {}
  template <class... Args>
  constexpr explicit OptionStorage(std::in_place_t, Args&&... args) : l_() {
    emplace(std::forward<Args>(args)...);
  }

  constexpr bool has() const noexcept { return l_.has; }
  constexpr T& get() & noexcept { return l_.value; }
  constexpr const T& get() const& noexcept { return l_.value; }
  constexpr T&& get() && noexcept { return std::move(l_.value); }
  constexpr void reset() noexcept { l_.has = false; }
  template <class... Args>
  constexpr T& emplace(Args&&... args) {
    std::construct_at(std::addressof(l_.value), std::forward<Args>(args)...);
    l_.has = true;
    return l_.value;
  }

 private:
  FlatOptionLayout<T> l_;
};

// Option<T&>: a pointer, null when empty.
template <class T>
class OptionStorage<T&, false> {
 public:
  constexpr OptionStorage() = default;
  constexpr explicit OptionStorage(std::in_place_t, T& ref) noexcept : p_(std::addressof(ref)) {}

  constexpr bool has() const noexcept { return p_ != nullptr; }
  // A reference Option is like a pointer: constness of the Option does not
  // reach the referent.
  constexpr T& get() const noexcept { return *p_; }
  constexpr void reset() noexcept { p_ = nullptr; }
  constexpr T& emplace(T& ref) noexcept {
    p_ = std::addressof(ref);
    return *p_;
  }

 private:
  T* p_ = nullptr;
};

}  // namespace safelab::err::internal

#endif  // SAFELAB_ERR_INTERNAL_STORAGE_H_
