#!/usr/bin/env python3
"""The GIL experiments of `safelab gil`, run on the real CPython.

Same programs, same options, same JSON as `safelab gil --format json`, so
that report.py can put the model and CPython side by side:

  cpu-bound  N threads each run count(W) (`while n > 0: n -= 1`), against
             one thread running count(W) N times, in --rounds rounds of
             sequential, threaded, threaded, sequential.
  convoy     (--io-thread) socketpair ping-pong: one thread sends a byte and
             waits for it to come back from an echo thread, beside N
             CPU-bound threads until they finish, then alone for as long.
             Both ping-pong threads release the GIL around every send() and
             recv() and must win it back after each.

Usage: python3 gil_experiments.py --threads 2 --work 20000000 --rounds 3 \
           --switch-interval 5 [--io-thread] [--format json|table]
"""
import argparse
import json
import socket
import statistics
import sys
import threading
import time


def count(n):
    while n > 0:
        n -= 1


def timed_sequential(threads, work):
    start = time.perf_counter()
    for _ in range(threads):
        count(work)
    return time.perf_counter() - start


def timed_threaded(threads, work):
    workers = [threading.Thread(target=count, args=(work,)) for _ in range(threads)]
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return time.perf_counter() - start


def cpu_bound(threads, work, rounds):
    """Rounds of sequential, threaded, threaded, sequential (ABBA), as the
    model runs them: this VM's speed drifts by up to 2x over seconds (the
    same count(W) took 0.29 s, then 0.48 s), and one sequential run timed
    before one threaded run once gave 4 GIL-bound threads a ratio of 0.75.
    In ABBA order a drift linear over a round cancels out of its ratio; the
    result is the median of the rounds' ratios."""
    # Warm-up, untimed: the first call of count() pays for specialising its
    # bytecode and the process's first touches of the int freelists.
    count(min(work, 1_000_000))
    sequentials, threadeds, ratios = [], [], []
    for _ in range(rounds):
        a = timed_sequential(threads, work)
        b = timed_threaded(threads, work)
        c = timed_threaded(threads, work)
        d = timed_sequential(threads, work)
        sequentials.append((a + d) / 2)
        threadeds.append((b + c) / 2)
        ratios.append((b + c) / (a + d))
    return {"sequential_s": statistics.median(sequentials),
            "threaded_s": statistics.median(threadeds),
            "ratio": statistics.median(ratios),
            "rounds": rounds,
            "round_ratios": ratios}


def echo(sock):
    """The far end of the ping-pong: another Python thread, so every byte it
    echoes also has to win the GIL back after its blocking recv()."""
    while True:
        data = sock.recv(1)
        if not data:
            return
        sock.send(data)


def summarise(latencies, elapsed):
    latencies.sort()
    n = len(latencies)
    return {
        "ops": n,
        "seconds": elapsed,
        "ops_per_s": n / elapsed if elapsed > 0 else 0.0,
        "p50_ms": latencies[n // 2] * 1e3 if n else 0.0,
        "p99_ms": latencies[min(n - 1, n * 99 // 100)] * 1e3 if n else 0.0,
    }


def io_loop(sock, keep_going):
    """Round trips until keep_going(start) is false. A round trip's latency
    runs from the end of the previous one, so time spent waiting for the GIL
    anywhere in the loop (not only in send/recv) is counted."""
    latencies = []
    clock = time.perf_counter
    start = previous = clock()
    while keep_going(start):
        sock.send(b"x")   # releases the GIL around send()
        sock.recv(1)      # releases the GIL around recv()
        now = clock()
        latencies.append(now - previous)
        previous = now
    return summarise(latencies, clock() - start)


def ping_pong(keep_going):
    """Runs the I/O loop against an echo thread; returns its IoSample."""
    near, far = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    echoer = threading.Thread(target=echo, args=(far,))
    echoer.start()
    try:
        return io_loop(near, keep_going)
    finally:
        near.shutdown(socket.SHUT_RDWR)  # ends the echo thread's recv()
        echoer.join()
        near.close()
        far.close()


def convoy(threads, work):
    finished = []

    def cpu():
        count(work)
        finished.append(1)

    workers = [threading.Thread(target=cpu) for _ in range(threads)]
    for t in workers:  # the CPU-bound threads start first, as in the model
        t.start()
    result = {}
    io = threading.Thread(target=lambda: result.update(
        beside=ping_pong(lambda start: len(finished) < threads)))
    io.start()
    for t in workers:
        t.join()
    io.join()

    duration = result["beside"]["seconds"]
    alone = ping_pong(lambda start: time.perf_counter() - start < duration)
    beside = result["beside"]["ops_per_s"]
    return {"alone": alone, "beside": result["beside"],
            "drop_factor": alone["ops_per_s"] / beside if beside else 0.0}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", type=int, default=20_000_000)
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed rounds of sequential, threaded, threaded, sequential")
    parser.add_argument("--switch-interval", type=float, default=5.0, metavar="MS")
    parser.add_argument("--io-thread", action="store_true")
    parser.add_argument("--format", choices=["json", "table"], default="table")
    args = parser.parse_args(argv)
    if not 1 <= args.threads <= 64:
        parser.error("--threads must be in 1..64")
    if not 1 <= args.rounds <= 100:
        parser.error("--rounds must be in 1..100")
    if args.work < 1:
        parser.error("--work must be positive")
    if not 0.001 <= args.switch_interval <= 3_600_000:
        parser.error("--switch-interval wants milliseconds between 0.001 and 3600000")

    sys.setswitchinterval(args.switch_interval / 1000.0)
    doc = {
        "runtime": "cpython " + sys.version.split()[0],
        "threads": args.threads,
        "work": args.work,
        "switch_interval_ms": args.switch_interval,
        "cpu_bound": cpu_bound(args.threads, args.work, args.rounds),
    }
    if args.io_thread:
        doc["io"] = convoy(args.threads, args.work)

    if args.format == "json":
        print(json.dumps(doc, indent=2))
    else:
        c = doc["cpu_bound"]
        print(f"{doc['runtime']}: {args.threads} thread(s) x {args.work}, "
              f"switch interval {args.switch_interval} ms")
        print(f"  sequential {c['sequential_s']:.3f} s, threaded {c['threaded_s']:.3f} s, "
              f"ratio {c['ratio']:.3f} (median of rounds: "
              + " ".join(f"{r:.3f}" for r in c["round_ratios"]) + ")")
        if "io" in doc:
            for name in ("alone", "beside"):
                s = doc["io"][name]
                print(f"  I/O {name:6}: {s['ops_per_s']:9.0f} ops/s  p50 {s['p50_ms']:.3f} ms"
                      f"  p99 {s['p99_ms']:.3f} ms")
            print(f"  drop factor {doc['io']['drop_factor']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
