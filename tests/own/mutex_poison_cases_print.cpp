// safelab's side of tests/conformance/rust/mutex_poison_cases.rs: the same
// poisoning cases, printed in the same words, compared line by line by
// tests/conformance/compare_with_rust.cmake when rustc is present. A Rust panic is
// a thrown exception here, catch_unwind a try/catch, Drop a destructor.
// Written from the Rust program, not from the lock's code.
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <utility>

#include "safelab/own/mutex.h"
#include "safelab/own/rwlock.h"

namespace {

using safelab::own::Mutex;
using safelab::own::MutexGuard;
using safelab::own::RwLock;

const char* show(bool b) { return b ? "true" : "false"; }

// Runs `f`, which throws, and swallows the exception (Rust's panics()).
template <class F>
void panics(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const std::runtime_error&) {
    return;
  }
  std::cerr << "expected an exception\n";
  std::exit(1);
}

// Locks its Mutex, changes the data and unlocks, all in the destructor.
struct LocksInDestructor {
  Mutex<int>& m;
  ~LocksInDestructor() { *m.lock() += 1; }
};

// The same with an RwLock's write guard.
struct WritesInDestructor {
  RwLock<int>& l;
  ~WritesInDestructor() { *l.write() += 1; }
};

}  // namespace

int main() {
  {
    Mutex<int> m(0);
    panics([&] {
      auto g = m.lock();
      throw std::runtime_error("holder fails");
    });
    std::cout << "Mutex, guard dropped by a panic: poisoned=" << show(m.is_poisoned()) << "\n";
  }
  {
    Mutex<int> m(0);
    panics([&] {
      auto g = m.try_lock();
      if (!g) std::exit(1);
      throw std::runtime_error("holder fails");
    });
    std::cout << "Mutex, try_lock guard dropped by a panic: poisoned=" << show(m.is_poisoned())
              << "\n";
  }
  {
    Mutex<int> m(0);
    panics([&] {
      struct Holder {
        MutexGuard<int> g;
      };
      Holder h{m.lock()};
      throw std::runtime_error("holder fails");
    });
    std::cout << "Mutex, guard moved into a value a panic drops: poisoned=" << show(m.is_poisoned())
              << "\n";
  }
  {
    Mutex<int> m(0);
    panics([&] {
      auto g = m.lock();
      g.unlock();
      throw std::runtime_error("fails after unlocking");
    });
    std::cout << "Mutex, guard dropped before the panic: poisoned=" << show(m.is_poisoned())
              << "\n";
  }
  {
    Mutex<int> m(0);
    {
      auto g = m.lock();
      panics([] { throw std::runtime_error("caught inside"); });
    }
    std::cout << "Mutex, panic caught inside the critical section: poisoned="
              << show(m.is_poisoned()) << "\n";
  }
  {
    Mutex<int> m(0);
    panics([&] {
      LocksInDestructor c{m};
      throw std::runtime_error("unrelated");
    });
    std::cout << "Mutex, guard made and dropped in a Drop run by unwinding: poisoned="
              << show(m.is_poisoned()) << " value=" << *m.lock() << "\n";
  }
  {
    RwLock<int> l(0);
    panics([&] {
      auto g = l.read();
      throw std::runtime_error("reader fails");
    });
    std::cout << "RwLock, read guard dropped by a panic: poisoned=" << show(l.is_poisoned())
              << "\n";
  }
  {
    RwLock<int> l(0);
    panics([&] {
      WritesInDestructor c{l};
      throw std::runtime_error("unrelated");
    });
    std::cout << "RwLock, write guard made and dropped in a Drop run by unwinding: poisoned="
              << show(l.is_poisoned()) << " value=" << *l.read() << "\n";
  }
  {
    RwLock<int> l(0);
    panics([&] {
      auto g = l.write();
      throw std::runtime_error("writer fails");
    });
    std::cout << "RwLock, write guard dropped by a panic: poisoned=" << show(l.is_poisoned())
              << "\n";
  }
  return 0;
}
