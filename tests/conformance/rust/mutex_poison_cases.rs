// Rust's side of safelab::own's poisoning cases (issue 17: the poisoning
// guard made cheaper must still poison exactly when Rust's does). Rust's
// rule, from library/std/src/sync/poison.rs: a guard records
// `thread::panicking()` when it is made, and on drop poisons the lock only
// if the thread was not panicking then and is now. So a guard dropped by a
// panic poisons; a guard made *and* dropped inside a Drop that runs during
// unwinding does not; a panic caught inside the critical section does not;
// read guards never poison. Prints one line per case;
// tests/own/mutex_poison_cases_print.cpp prints the same lines from safelab,
// and the CTest test own.conformance.rust_poison_output compares the two
// when rustc is present.
// Build: rustc --edition 2021 -O mutex_poison_cases.rs
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard, RwLock};

// Runs `f`, which panics, and swallows the panic.
fn panics(f: impl FnOnce()) {
    assert!(catch_unwind(AssertUnwindSafe(f)).is_err());
}

// Locks its Mutex, changes the data and unlocks, all inside drop().
struct LocksInDrop<'a>(&'a Mutex<i32>);
impl Drop for LocksInDrop<'_> {
    fn drop(&mut self) {
        *self.0.lock().unwrap() += 1;
    }
}

// The same with an RwLock's write guard.
struct WritesInDrop<'a>(&'a RwLock<i32>);
impl Drop for WritesInDrop<'_> {
    fn drop(&mut self) {
        *self.0.write().unwrap() += 1;
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {})); // no panic messages on stderr

    let m = Mutex::new(0);
    panics(|| {
        let _g = m.lock().unwrap();
        panic!("holder fails");
    });
    println!("Mutex, guard dropped by a panic: poisoned={}", m.is_poisoned());

    let m = Mutex::new(0);
    panics(|| {
        let _g = m.try_lock().unwrap();
        panic!("holder fails");
    });
    println!("Mutex, try_lock guard dropped by a panic: poisoned={}", m.is_poisoned());

    let m = Mutex::new(0);
    panics(|| {
        struct Holder<'a>(#[allow(dead_code)] MutexGuard<'a, i32>);
        let _h = Holder(m.lock().unwrap());
        panic!("holder fails");
    });
    println!("Mutex, guard moved into a value a panic drops: poisoned={}", m.is_poisoned());

    let m = Mutex::new(0);
    panics(|| {
        let g = m.lock().unwrap();
        drop(g);
        panic!("fails after unlocking");
    });
    println!("Mutex, guard dropped before the panic: poisoned={}", m.is_poisoned());

    let m = Mutex::new(0);
    {
        let _g = m.lock().unwrap();
        panics(|| panic!("caught inside"));
    }
    println!("Mutex, panic caught inside the critical section: poisoned={}", m.is_poisoned());

    let m = Mutex::new(0);
    panics(|| {
        let _c = LocksInDrop(&m);
        panic!("unrelated");
    });
    println!(
        "Mutex, guard made and dropped in a Drop run by unwinding: poisoned={} value={}",
        m.is_poisoned(),
        *m.lock().unwrap()
    );

    let l = RwLock::new(0);
    panics(|| {
        let _g = l.read().unwrap();
        panic!("reader fails");
    });
    println!("RwLock, read guard dropped by a panic: poisoned={}", l.is_poisoned());

    let l = RwLock::new(0);
    panics(|| {
        let _c = WritesInDrop(&l);
        panic!("unrelated");
    });
    println!(
        "RwLock, write guard made and dropped in a Drop run by unwinding: poisoned={} value={}",
        l.is_poisoned(),
        *l.read().unwrap()
    );

    let l = RwLock::new(0);
    panics(|| {
        let _g = l.write().unwrap();
        panic!("writer fails");
    });
    println!("RwLock, write guard dropped by a panic: poisoned={}", l.is_poisoned());
}
