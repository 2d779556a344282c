// The Rust side of vs_rust_mutex (bench/own_mutex_rust.cpp): the same
// two workloads with std::sync::Mutex, std only.
//
//   mutex/1_thread     one thread: 2,000,000 x (lock, increment a u64, unlock)
//   mutex/1_thread_call  the same, the increment a function call that is
//                      never inlined (the C++ side: gnu::noipa)
//   mutex/2_threads    two threads contending for one Mutex<u64>, 1,000,000
//                      increments each (2,000,000 in all)
//
// Prints one line per row, "<row> <total ns>", the same lines as the C++
// program; bench/report.py runs both alternately (median of 5) and writes
// the ratio. Build and run by hand:
//
//   rustc -O bench/rust/mutex.rs -o /tmp/mutex_rs && /tmp/mutex_rs
//
// (No -C target-cpu=native: the C++ side is built for baseline x86-64 too.)
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::{Acquire, Release, SeqCst}};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

const INCREMENTS: u64 = 2_000_000;

fn one_thread() -> u128 {
    let m = Mutex::new(0u64);
    let start = Instant::now();
    for _ in 0..INCREMENTS {
        *black_box(&m).lock().unwrap() += 1;
    }
    let ns = start.elapsed().as_nanos();
    assert_eq!(*m.lock().unwrap(), INCREMENTS);
    ns
}

#[inline(never)]
fn bump(x: &mut u64) {
    *x += 1;
}

fn one_thread_call() -> u128 {
    let m = Mutex::new(0u64);
    let start = Instant::now();
    for _ in 0..INCREMENTS {
        bump(&mut black_box(&m).lock().unwrap());
    }
    let ns = start.elapsed().as_nanos();
    assert_eq!(*m.lock().unwrap(), INCREMENTS);
    ns
}

fn two_threads() -> u128 {
    let m = Arc::new(Mutex::new(0u64));
    // A spinning start line, the same in the C++ program: both threads are
    // running when the clock starts and leave it within nanoseconds of each
    // other. (A sleeping barrier wakes them one after the other, and which
    // one runs first decides the run: Barrier and std::barrier differ.)
    let at_start = Arc::new(AtomicUsize::new(0));
    let go = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (m, at_start, go) = (Arc::clone(&m), Arc::clone(&at_start), Arc::clone(&go));
            thread::spawn(move || {
                at_start.fetch_add(1, SeqCst);
                while !go.load(Acquire) {
                    std::hint::spin_loop();
                }
                for _ in 0..INCREMENTS / 2 {
                    *black_box(&*m).lock().unwrap() += 1;
                }
            })
        })
        .collect();
    while at_start.load(SeqCst) < 2 {
        thread::yield_now();
    }
    let start = Instant::now();
    go.store(true, Release);
    for w in workers {
        w.join().unwrap();
    }
    let ns = start.elapsed().as_nanos();
    assert_eq!(*m.lock().unwrap(), INCREMENTS);
    ns
}

fn main() {
    println!("mutex/1_thread {}", one_thread());
    println!("mutex/1_thread_call {}", one_thread_call());
    println!("mutex/2_threads {}", two_threads());
}
