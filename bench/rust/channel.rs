// The Rust side of the "safelab / Rust" channel rows (issue 17): 2,000,000
// u64 messages through std::sync::mpsc, unbounded (`channel`) and bounded
// (`sync_channel(1024)`), 1 producer -> 1 consumer and 2 -> 1. The consumer
// sums what it receives and the sum is checked. bench/own_channel_vs_rust.cpp
// runs the same rows through safelab::own; bench/report.py (`rust` command)
// builds both, runs them alternately and prints the medians and ratios.
// Build and run alone:
//
//   rustc -O bench/rust/channel.rs -o /tmp/channel_rs && /tmp/channel_rs
//
// Prints one line per row: `<row> <milliseconds>`. An argument runs only
// the rows whose name contains it (`/tmp/channel_rs bounded`).
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::thread;
use std::time::Instant;

const MESSAGES: u64 = 2_000_000;

trait Send64: Clone + std::marker::Send + 'static {
    fn put(&self, v: u64);
}
impl Send64 for Sender<u64> {
    fn put(&self, v: u64) {
        self.send(v).unwrap();
    }
}
impl Send64 for SyncSender<u64> {
    fn put(&self, v: u64) {
        self.send(v).unwrap();
    }
}

// Producer p of n sends its share [MESSAGES * p / n, MESSAGES * (p + 1) / n).
fn run<S: Send64>(tx: S, rx: Receiver<u64>, producers: u64) -> f64 {
    let start = Instant::now();
    let handles: Vec<_> = (0..producers)
        .map(|p| {
            let tx = tx.clone();
            thread::spawn(move || {
                for i in MESSAGES * p / producers..MESSAGES * (p + 1) / producers {
                    tx.put(i);
                }
            })
        })
        .collect();
    drop(tx);
    let sum: u64 = rx.iter().sum();
    for h in handles {
        h.join().unwrap();
    }
    let ms = start.elapsed().as_secs_f64() * 1e3;
    assert_eq!(sum, MESSAGES * (MESSAGES - 1) / 2, "lost or duplicated messages");
    ms
}

fn main() {
    let only = std::env::args().nth(1).unwrap_or_default();
    for producers in [1u64, 2] {
        let row = format!("unbounded_{}to1", producers);
        if row.contains(&only) {
            let (tx, rx) = channel::<u64>();
            println!("{} {:.3}", row, run(tx, rx, producers));
        }
    }
    for producers in [1u64, 2] {
        let row = format!("bounded1024_{}to1", producers);
        if row.contains(&only) {
            let (tx, rx) = sync_channel::<u64>(1024);
            println!("{} {:.3}", row, run(tx, rx, producers));
        }
    }
}
