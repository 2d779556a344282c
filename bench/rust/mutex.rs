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
use std::sync::{Arc, Barrier, Mutex};
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
    // Both threads exist before the clock starts; the barrier releases them
    // together.
    let start_line = Arc::new(Barrier::new(3));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let m = Arc::clone(&m);
            let start_line = Arc::clone(&start_line);
            thread::spawn(move || {
                start_line.wait();
                for _ in 0..INCREMENTS / 2 {
                    *black_box(&*m).lock().unwrap() += 1;
                }
            })
        })
        .collect();
    start_line.wait();
    let start = Instant::now();
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
