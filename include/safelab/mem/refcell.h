// include/safelab/mem/refcell.h
//
// RefCell<T>: Rust's `std::cell::RefCell` — shared-XOR-mutable enforced at
// run time instead of at compile time.
//
// The cell owns a T. The only way to it is a guard:
//
//   RefCell<T>::Ref      from borrow(): read-only access; any number of
//                        them may exist at once.
//   RefCell<T>::RefMut   from borrow_mut(): read-write access; exists only
//                        while no other guard does.
//   BorrowResult<G>      what try_borrow() / try_borrow_mut() return: the
//                        guard, or a BorrowError saying why not (Rust's
//                        Result<RefMut<T>, BorrowMutError>).
//   BorrowError          the error value: which rule a borrow broke.
//
// A conflicting borrow() / borrow_mut() panics (prints and aborts) like
// Rust's; the try_ forms return the error instead. Either way a second
// mutable alias never exists: that is the bug RefCell turns into a clear
// error (compare the `vector_iterate` topic, where the alias silently
// dangles).
//
// Borrowing is per cell and costs one integer compare-and-update; the cell
// is not thread-safe (Rust: RefCell is !Sync). A guard must not outlive its
// cell (it points into it).
//
// Example:
//
//   mem::RefCell<std::vector<int>> cell;
//   {
//     auto r1 = cell.borrow();              // shared
//     auto r2 = cell.borrow();              // shared again: fine
//     auto w = cell.try_borrow_mut();       // conflict: an error value
//     assert(!w.ok() && w.error().kind == mem::BorrowError::Kind::already_borrowed);
//   }
//   cell.borrow_mut()->push_back(1);        // guards gone: exclusive access
//   auto r = cell.borrow();
//   cell.borrow_mut();  // <-- panics: "already borrowed: BorrowMutError"
#ifndef SAFELAB_MEM_REFCELL_H_
#define SAFELAB_MEM_REFCELL_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "safelab/err/panic.h"

namespace safelab::mem {

// BorrowError
//
// Why a borrow was refused. The messages are Rust's.
struct BorrowError {
  enum class Kind {
    already_mutably_borrowed,  // borrow() while a RefMut exists (BorrowError)
    already_borrowed,          // borrow_mut() while any guard exists (BorrowMutError)
  };
  Kind kind;

  std::string_view message() const {
    return kind == Kind::already_borrowed ? "already borrowed: BorrowMutError"
                                          : "already mutably borrowed: BorrowError";
  }
};

// BorrowResult<Guard>
//
// A guard or the BorrowError that prevented it. [[nodiscard]]: ignoring it
// would drop the guard (or the error) on the spot.
template <class Guard>
class [[nodiscard]] BorrowResult {
 public:
  BorrowResult(Guard guard) : guard_(std::move(guard)) {}  // NOLINT
  BorrowResult(BorrowError error) : error_(error) {}       // NOLINT

  bool ok() const { return guard_.has_value(); }
  explicit operator bool() const { return ok(); }

  // BorrowResult::error()
  //
  // REQUIRES: !ok(). Panics otherwise.
  const BorrowError& error() const {
    if (ok()) err::panic("BorrowResult::error() called on a successful borrow");
    return error_;
  }

  // BorrowResult::value()
  //
  // The guard (Rust's unwrap()). Panics with the borrow error if !ok().
  Guard& value() & {
    if (!ok()) err::panic(error_.message());
    return *guard_;
  }
  Guard&& value() && {
    if (!ok()) err::panic(error_.message());
    return std::move(*guard_);
  }

  // Access through the guard: `result->field`. Panics if !ok().
  auto operator->() { return value().operator->(); }

 private:
  std::optional<Guard> guard_;
  BorrowError error_{BorrowError::Kind::already_borrowed};
};

// RefCell<T>
//
// Not copyable or movable: guards point to it.
template <class T>
class RefCell {
 public:
  class Ref;
  class RefMut;

  RefCell() = default;
  explicit RefCell(T value) : value_(std::move(value)) {}
  template <class... Args>
  explicit RefCell(std::in_place_t, Args&&... args) : value_(std::forward<Args>(args)...) {}

  RefCell(const RefCell&) = delete;
  RefCell& operator=(const RefCell&) = delete;

  // ~RefCell()
  //
  // REQUIRES: no guard is alive. A live guard would dangle, so destroying a
  // borrowed cell panics.
  ~RefCell() {
    if (borrows_ != 0) err::panic("RefCell destroyed while borrowed (a guard outlives it)");
  }

  // RefCell<T>::borrow()
  //
  // Shared, read-only access until the returned guard is destroyed.
  // Panics ("already mutably borrowed: BorrowError") if a RefMut is alive.
  Ref borrow() const { return try_borrow().value(); }

  // RefCell<T>::borrow_mut()
  //
  // Exclusive access until the returned guard is destroyed. Note that it is
  // const, as in Rust (&self): mutation through a shared reference is the
  // point of the cell ("interior mutability"), made safe by the check.
  // Panics ("already borrowed: BorrowMutError") if any guard is alive.
  RefMut borrow_mut() const { return try_borrow_mut().value(); }

  // RefCell<T>::try_borrow() / try_borrow_mut()
  //
  // As borrow() / borrow_mut(), but a conflict is returned as a
  // BorrowError instead of panicking.
  BorrowResult<Ref> try_borrow() const {
    if (borrows_ < 0) return BorrowError{BorrowError::Kind::already_mutably_borrowed};
    if (borrows_ == std::numeric_limits<std::intptr_t>::max()) {
      err::panic("RefCell: too many immutable borrows");
    }
    ++borrows_;
    return Ref(this);
  }
  BorrowResult<RefMut> try_borrow_mut() const {
    if (borrows_ != 0) return BorrowError{BorrowError::Kind::already_borrowed};
    borrows_ = -1;
    return RefMut(this);
  }

  // RefCell<T>::replace()
  //
  // Swaps in a new value and returns the old one. Panics if borrowed.
  T replace(T value) const {
    RefMut guard = borrow_mut();
    return std::exchange(*guard, std::move(value));
  }

  // RefCell<T>::borrow_count()
  //
  // Live shared guards, or -1 while a RefMut is alive (for tests and
  // debugging; Rust hides this).
  std::intptr_t borrow_count() const { return borrows_; }

  // RefCell<T>::Ref
  //
  // A shared borrow: const access; copyable (each copy is one more borrow).
  class Ref {
   public:
    Ref(const Ref& other) : cell_(other.cell_) {
      if (cell_ != nullptr) ++cell_->borrows_;
    }
    Ref(Ref&& other) noexcept : cell_(std::exchange(other.cell_, nullptr)) {}
    Ref& operator=(Ref other) noexcept {
      std::swap(cell_, other.cell_);
      return *this;
    }
    ~Ref() {
      if (cell_ != nullptr) --cell_->borrows_;
    }

    const T& operator*() const { return cell_->value_; }
    const T* operator->() const { return &cell_->value_; }

   private:
    friend class RefCell;
    explicit Ref(const RefCell* cell) : cell_(cell) {}
    const RefCell* cell_;
  };

  // RefCell<T>::RefMut
  //
  // The exclusive borrow: mutable access; move-only.
  class RefMut {
   public:
    RefMut(RefMut&& other) noexcept : cell_(std::exchange(other.cell_, nullptr)) {}
    RefMut& operator=(RefMut&& other) noexcept {
      RefMut(std::move(other)).swap(*this);
      return *this;
    }
    RefMut(const RefMut&) = delete;
    RefMut& operator=(const RefMut&) = delete;
    ~RefMut() {
      if (cell_ != nullptr) cell_->borrows_ = 0;
    }

    T& operator*() const { return cell_->value_; }
    T* operator->() const { return &cell_->value_; }

   private:
    friend class RefCell;
    explicit RefMut(const RefCell* cell) : cell_(cell) {}
    void swap(RefMut& other) noexcept { std::swap(cell_, other.cell_); }
    const RefCell* cell_;
  };

 private:
  mutable T value_{};
  mutable std::intptr_t borrows_ = 0;  // > 0: shared guards; -1: one RefMut
};

}  // namespace safelab::mem

#endif  // SAFELAB_MEM_REFCELL_H_
