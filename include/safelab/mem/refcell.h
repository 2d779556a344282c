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
//   BorrowError          the error of try_borrow() / try_borrow_mut(), which
//                        return err::Result<Ref, BorrowError> /
//                        err::Result<RefMut, BorrowError>: which rule a
//                        borrow broke. Rust has two types (BorrowError,
//                        BorrowMutError); here one type with a Kind.
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
// Threads (own/sendable.h reads the markers below; mem does not depend on
// own). Rust's docs: "impl<T: ?Sized> !Sync for RefCell<T>", and Ref/RefMut
// are !Send. So a shared_ptr<RefCell<T>> (Rust's Arc<RefCell<T>>, rejected
// there) and a Ref or RefMut are not own::Sendable: a channel or
// Scope::spawn refuses them at compile time. A RefCell<T> itself may be
// moved to another thread, as in Rust.
//
// Lifetimes. borrow(), borrow_mut() and the guards' `*` and `->` are
// [[clang::lifetimebound]], so Clang's -Wdangling (on by default) refuses a
// reference kept from a temporary guard: `const int& x = *cell.borrow();`,
// `for (int& x : *cell.borrow_mut())`, or a guard of a temporary cell.
// Clang does not follow `cell.borrow()->field` into a reference, nor a
// guard outliving a named cell; the latter panics in ~RefCell, and
// AddressSanitizer reports the former once the cell is gone.
//
// Example:
//
//   mem::RefCell<std::vector<int>> cell;
//   {
//     auto r1 = cell.borrow();              // shared
//     auto r2 = cell.borrow();              // shared again: fine
//     auto w = cell.try_borrow_mut();       // conflict: an error value
//     assert(!w.has_value() && w.error().kind == mem::BorrowError::Kind::already_borrowed);
//   }
//   cell.borrow_mut()->push_back(1);        // guards gone: exclusive access
//   auto r = cell.borrow();
//   cell.borrow_mut();  // <-- panics: "already borrowed: BorrowMutError"
#ifndef SAFELAB_MEM_REFCELL_H_
#define SAFELAB_MEM_REFCELL_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "safelab/err/panic.h"
#include "safelab/err/result.h"
#include "safelab/err/source_location.h"

// [[clang::lifetimebound]] where the compiler knows it (g++ warns on an
// unknown scoped attribute). Not Abseil's macro: mem does not depend on it.
#if defined(__has_cpp_attribute) && __has_cpp_attribute(clang::lifetimebound)
#define SAFELAB_MEM_INTERNAL_LIFETIMEBOUND [[clang::lifetimebound]]
#else
#define SAFELAB_MEM_INTERNAL_LIFETIMEBOUND
#endif

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
  // The text err::Result's unwrap()/expect() put in their panic.
  std::string to_string() const { return std::string(message()); }

  friend bool operator==(const BorrowError&, const BorrowError&) = default;
};

// RefCell<T>
//
// Not copyable or movable: guards point to it.
template <class T>
class RefCell {
 public:
  class Ref;
  class RefMut;
  // Rust's `!Sync` (own/sendable.h): no shared_ptr<RefCell<T>> across threads.
  using safelab_not_sync = void;

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
  // Panics ("already mutably borrowed: BorrowError") if a RefMut is alive;
  // the report names the caller's line (Rust's #[track_caller]).
  Ref borrow(err::SourceLocation where = err::SourceLocation::current()) const
      SAFELAB_MEM_INTERNAL_LIFETIMEBOUND {
    if (borrows_ < 0) [[unlikely]] {
      err::panic(BorrowError{BorrowError::Kind::already_mutably_borrowed}.message(), where);
    }
    return share();
  }

  // RefCell<T>::borrow_mut()
  //
  // Exclusive access until the returned guard is destroyed. Note that it is
  // const, as in Rust (&self): mutation through a shared reference is the
  // point of the cell ("interior mutability"), made safe by the check.
  // Panics ("already borrowed: BorrowMutError") if any guard is alive.
  RefMut borrow_mut(err::SourceLocation where = err::SourceLocation::current()) const
      SAFELAB_MEM_INTERNAL_LIFETIMEBOUND {
    if (borrows_ != 0) [[unlikely]] {
      err::panic(BorrowError{BorrowError::Kind::already_borrowed}.message(), where);
    }
    borrows_ = -1;
    return RefMut(this);
  }

  // RefCell<T>::try_borrow() / try_borrow_mut()
  //
  // As borrow() / borrow_mut(), but a conflict is returned as an
  // err::Result holding a BorrowError instead of panicking (Rust's
  // try_borrow() -> Result<Ref<T>, BorrowError>).
  err::Result<Ref, BorrowError> try_borrow() const SAFELAB_MEM_INTERNAL_LIFETIMEBOUND {
    if (borrows_ < 0) return err::Err(BorrowError{BorrowError::Kind::already_mutably_borrowed});
    return share();
  }
  err::Result<RefMut, BorrowError> try_borrow_mut() const SAFELAB_MEM_INTERNAL_LIFETIMEBOUND {
    if (borrows_ != 0) return err::Err(BorrowError{BorrowError::Kind::already_borrowed});
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

    // Rust's `!Send` (own/sendable.h): the borrow count is not atomic.
    using safelab_not_send = void;

    const T& operator*() const SAFELAB_MEM_INTERNAL_LIFETIMEBOUND { return cell_->value_; }
    const T* operator->() const SAFELAB_MEM_INTERNAL_LIFETIMEBOUND { return &cell_->value_; }

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

    // Rust's `!Send` (own/sendable.h): the borrow flag is not atomic.
    using safelab_not_send = void;

    T& operator*() const SAFELAB_MEM_INTERNAL_LIFETIMEBOUND { return cell_->value_; }
    T* operator->() const SAFELAB_MEM_INTERNAL_LIFETIMEBOUND { return &cell_->value_; }

   private:
    friend class RefCell;
    explicit RefMut(const RefCell* cell) : cell_(cell) {}
    void swap(RefMut& other) noexcept { std::swap(cell_, other.cell_); }
    const RefCell* cell_;
  };

 private:
  // One more shared borrow. REQUIRES: no RefMut is alive.
  Ref share() const {
    if (borrows_ == std::numeric_limits<std::intptr_t>::max()) [[unlikely]] {
      err::panic("RefCell: too many immutable borrows");
    }
    ++borrows_;
    return Ref(this);
  }

  mutable T value_{};
  mutable std::intptr_t borrows_ = 0;  // > 0: shared guards; -1: one RefMut
};

}  // namespace safelab::mem

#endif  // SAFELAB_MEM_REFCELL_H_
