// Tests of the Sendable concept: owning types pass, views and pointers are
// refused, directly and inside other templates, and types can opt out.
// Thread-bound types and shared_ptr of a !Sync type follow Rust's Send and
// Sync (std::marker docs, quoted at each test). The mem types are checked
// here as types only (nothing of mem is called or linked).
#include "safelab/own/sendable.h"

#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safelab/mem/gc.h"
#include "safelab/mem/refcell.h"
#include "safelab/own/mutex.h"
#include "safelab/own/rwlock.h"

namespace {

struct RowView {
  const char* begin;
};
struct Plain {
  int x;
};
struct Node : safelab::mem::gc::Object {};
// A cell with an unsynchronised flag, as a user would mark it.
struct Flagged {
  int value;
};

}  // namespace

template <>
inline constexpr bool safelab::own::disable_sendable<RowView> = true;
template <>
inline constexpr bool safelab::own::disable_sync<Flagged> = true;

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

// Tests that a std::array's size (a non-type template parameter) does not
// hide its element type: arrays are checked like any other container.
TEST(OwnSendableTest, ArraysAreCheckedByElement) {
  EXPECT_TRUE((Sendable<std::array<int, 4>>));
  EXPECT_TRUE((Sendable<std::array<std::string, 2>>));
  EXPECT_FALSE((Sendable<std::array<int*, 4>>));
  EXPECT_FALSE((Sendable<std::array<std::string_view, 2>>));
  EXPECT_FALSE((Sendable<std::vector<std::array<const char*, 1>>>));
}

// Rust: "impl<T: ?Sized> !Send for MutexGuard<'_, T>", and the same for
// RwLockReadGuard and RwLockWriteGuard: a lock is released by the thread
// that took it. Also when wrapped (Option<MutexGuard<T>> is !Send too).
TEST(OwnSendableTest, LockGuardsAreThreadBound) {
  EXPECT_FALSE(Sendable<MutexGuard<int>>);
  EXPECT_FALSE(Sendable<nonpoison::MutexGuard<int>>);
  EXPECT_FALSE(Sendable<RwLockReadGuard<int>>);
  EXPECT_FALSE(Sendable<RwLockWriteGuard<int>>);
  EXPECT_FALSE(Sendable<nonpoison::RwLockWriteGuard<int>>);
  EXPECT_FALSE(Sendable<std::optional<MutexGuard<int>>>);
}

// Rust: "impl<T: ?Sized> !Send for Ref<'_, T>" (and RefMut), and Rc: "Rc
// uses non-atomic reference counting. [...] Rc cannot be sent between
// threads, and consequently Rc does not implement Send." gc::Ref is Rc.
TEST(OwnSendableTest, NonAtomicCountsAreThreadBound) {
  EXPECT_FALSE(Sendable<mem::RefCell<int>::Ref>);
  EXPECT_FALSE(Sendable<mem::RefCell<int>::RefMut>);
  EXPECT_FALSE(Sendable<mem::gc::Ref<Node>>);
  EXPECT_FALSE(Sendable<std::vector<mem::gc::Ref<Node>>>);
}

// Rust: Arc<T> is Send "where T: Sync + Send", and "impl<T: ?Sized> !Sync
// for RefCell<T>": Arc<RefCell<T>> does not cross threads; Arc<Mutex<T>>
// does ("impl<T: ?Sized + Send> Sync for Mutex<T>"), even of a RefCell,
// since the lock serialises every borrow.
TEST(OwnSendableTest, SharedPtrNeedsSync) {
  EXPECT_TRUE(Sendable<std::shared_ptr<int>>);
  EXPECT_TRUE(Sendable<std::shared_ptr<const std::string>>);
  EXPECT_TRUE(Sendable<std::shared_ptr<const std::vector<std::string>>>);
  EXPECT_TRUE(Sendable<std::shared_ptr<Mutex<int>>>);
  EXPECT_TRUE(Sendable<std::shared_ptr<Mutex<std::vector<int>>>>);
  EXPECT_TRUE(Sendable<std::shared_ptr<Mutex<mem::RefCell<int>>>>);
  EXPECT_TRUE(Sendable<std::shared_ptr<RwLock<std::string>>>);
  EXPECT_TRUE(Sendable<std::weak_ptr<Mutex<int>>>);

  EXPECT_FALSE(Sendable<std::shared_ptr<mem::RefCell<int>>>);
  EXPECT_FALSE(Sendable<std::shared_ptr<const mem::RefCell<int>>>);
  EXPECT_FALSE(Sendable<std::weak_ptr<mem::RefCell<int>>>);
  EXPECT_FALSE(Sendable<std::shared_ptr<std::vector<mem::RefCell<int>>>>);
  EXPECT_FALSE(Sendable<std::shared_ptr<Flagged>>);
  EXPECT_FALSE(Sendable<std::shared_ptr<Mutex<int*>>>);
  // Rust: "impl<T: ?Sized + Send + Sync> Sync for RwLock<T>": readers share
  // the value, so a !Sync value makes the RwLock !Sync.
  EXPECT_FALSE(Sendable<std::shared_ptr<RwLock<mem::RefCell<int>>>>);
}

// Tests that marking a type !Sync leaves it Sendable by value, as RefCell
// is Send in Rust ("impl<T: ?Sized + Send> Send for RefCell<T>").
TEST(OwnSendableTest, NotSyncIsStillSendableByValue) {
  EXPECT_TRUE(Sendable<Flagged>);
  EXPECT_TRUE(Sendable<std::unique_ptr<mem::RefCell<int>>>);
  EXPECT_TRUE(Sendable<std::unique_ptr<Mutex<int>>>);
}

}  // namespace
}  // namespace safelab::own
