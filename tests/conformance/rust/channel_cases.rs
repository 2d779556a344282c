// Rust's side of safelab::own's rendezvous-channel conformance cases (issue
// 15, item 3): std::sync::mpsc::sync_channel(0). Prints one line per case;
// tests/own/channel_cases_print.cpp prints the same lines from safelab, and
// the CTest test own.conformance.rust_channel_output compares the two when
// rustc is present. Each line is independent of thread timing: a helper
// thread that must be waiting first is given 50 ms, and a case that
// waits for the other side to be ready retries until it is.
// Build: rustc --edition 2021 -O channel_cases.rs
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError, TryRecvError, TrySendError};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(50);

fn try_send_name<T>(e: &TrySendError<T>) -> &'static str {
    match e {
        TrySendError::Full(_) => "Full",
        TrySendError::Disconnected(_) => "Disconnected",
    }
}

fn main() {
    // Nobody waits on either side: the non-blocking calls fail.
    let (tx, rx) = sync_channel::<u64>(0);
    match tx.try_send(1) {
        Ok(()) => println!("try_send, no receiver waiting: Ok"),
        Err(e) => println!("try_send, no receiver waiting: {}", try_send_name(&e)),
    }
    match rx.try_recv() {
        Ok(v) => println!("try_recv, no sender waiting: Ok({})", v),
        Err(TryRecvError::Empty) => println!("try_recv, no sender waiting: Empty"),
        Err(TryRecvError::Disconnected) => println!("try_recv, no sender waiting: Disconnected"),
    }
    match rx.recv_timeout(Duration::from_millis(10)) {
        Ok(v) => println!("recv_timeout, no sender waiting: Ok({})", v),
        Err(RecvTimeoutError::Timeout) => println!("recv_timeout, no sender waiting: Timeout"),
        Err(RecvTimeoutError::Disconnected) => {
            println!("recv_timeout, no sender waiting: Disconnected")
        }
    }

    // send() returns only once the receiver has the message: the receiver
    // raises `receiving` before it calls recv(), 50 ms after send() starts.
    let receiving = Arc::new(AtomicBool::new(false));
    let flag = receiving.clone();
    let receiver = thread::spawn(move || {
        thread::sleep(DELAY);
        flag.store(true, Ordering::SeqCst);
        let got = rx.recv().unwrap();
        (rx, got)
    });
    tx.send(2).unwrap();
    let seen = receiving.load(Ordering::SeqCst);
    let (rx, got) = receiver.join().unwrap();
    println!("send returned after the receiver called recv: {}, it got {}", seen, got);

    // try_send succeeds once a receiver waits in recv().
    let receiver = thread::spawn(move || {
        let got = rx.recv().unwrap();
        (rx, got)
    });
    let mut value = 3;
    loop {
        match tx.try_send(value) {
            Ok(()) => break,
            Err(TrySendError::Full(v)) => value = v,
            Err(TrySendError::Disconnected(_)) => panic!("disconnected"),
        }
        thread::yield_now();
    }
    let (rx, got) = receiver.join().unwrap();
    println!("try_send with a receiver waiting: Ok, it got {}", got);

    // try_recv succeeds once a sender waits in send().
    let tx2 = tx.clone();
    let sender = thread::spawn(move || tx2.send(4).is_ok());
    let got = loop {
        match rx.try_recv() {
            Ok(v) => break v,
            Err(TryRecvError::Empty) => thread::yield_now(),
            Err(TryRecvError::Disconnected) => panic!("disconnected"),
        }
    };
    println!("try_recv with a sender waiting: Ok({}), send ok: {}", got, sender.join().unwrap());

    // FIFO: what one sender sends arrives in order.
    let tx2 = tx.clone();
    let sender = thread::spawn(move || {
        for i in 0..1000u64 {
            tx2.send(i).unwrap();
        }
    });
    let in_order = (0..1000u64).all(|i| rx.recv().unwrap() == i);
    sender.join().unwrap();
    println!("1000 messages in the order sent: {}", in_order);

    // A sender blocked in send() when the receiver goes gets its message back.
    let tx2 = tx.clone();
    let sender = thread::spawn(move || match tx2.send(7) {
        Ok(()) => "Ok".to_string(),
        Err(e) => format!("Err(SendError({}))", e.0),
    });
    thread::sleep(DELAY);
    drop(rx);
    println!("blocked send when the receiver is dropped: {}", sender.join().unwrap());
    match tx.send(5) {
        Ok(()) => println!("send after the receiver is dropped: Ok"),
        Err(e) => println!("send after the receiver is dropped: Err(SendError({}))", e.0),
    }
    match tx.try_send(6) {
        Ok(()) => println!("try_send after the receiver is dropped: Ok"),
        Err(TrySendError::Full(v)) => println!("try_send after the receiver is dropped: Full({})", v),
        Err(TrySendError::Disconnected(v)) => {
            println!("try_send after the receiver is dropped: Disconnected({})", v)
        }
    }

    // A receiver blocked in recv() when the last sender goes gets RecvError.
    let (tx, rx) = sync_channel::<u64>(0);
    let receiver = thread::spawn(move || {
        let r = format!("{:?}", rx.recv());
        (rx, r)
    });
    thread::sleep(DELAY);
    drop(tx);
    let (rx, r) = receiver.join().unwrap();
    println!("blocked recv when the sender is dropped: {}", r);
    println!("recv after the sender is dropped: {:?}", rx.recv());
    match rx.try_recv() {
        Ok(v) => println!("try_recv after the sender is dropped: Ok({})", v),
        Err(TryRecvError::Empty) => println!("try_recv after the sender is dropped: Empty"),
        Err(TryRecvError::Disconnected) => {
            println!("try_recv after the sender is dropped: Disconnected")
        }
    }
}
