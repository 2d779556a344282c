#!/usr/bin/env python3
"""The GIL experiments of `safelab gil`, run on the real CPython.

Same programs, same options, same JSON as `safelab gil --format json`, so
that report.py can put the model and CPython side by side:

  cpu-bound  N threads each run count(W) (`while n > 0: n -= 1`), against
             one thread running count(W) N times, in --rounds rounds of
             sequential, threaded, threaded, sequential.
  convoy     (--io-thread) socketpair ping-pong: one thread sends a byte and
             waits for it to come back from an echo thread, R times
             (--round-trips) beside N CPU-bound threads that spin until those
             R are done, then R times alone.
             Both ping-pong threads release the GIL around every send() and
             recv() and must win it back after each.

Usage: python3 gil_experiments.py --threads 2 --work 20000000 --rounds 3 \
           --switch-interval 5 [--io-thread --round-trips 200] [--format json|table]
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
    latencies = sorted(latencies)
    n = len(latencies)
    pick = lambda q: latencies[min(n - 1, n * q // 100)] * 1e3 if n else 0.0
    return {
        "ops": n,
        "seconds": elapsed,
        "ops_per_s": n / elapsed if elapsed > 0 else 0.0,
        "mean_ms": elapsed / n * 1e3 if n else 0.0,
        "p50_ms": pick(50),
        "p90_ms": pick(90),
        "p99_ms": pick(99),
        "latencies_ms": [x * 1e3 for x in latencies],
    }


def io_loop(sock, round_trips):
    """round_trips round trips. A round trip's latency runs from the end of
    the previous one, so time spent waiting for the GIL anywhere in the loop
    (not only in send/recv) is counted."""
    latencies = []
    clock = time.perf_counter
    start = previous = clock()
    for _ in range(round_trips):
        sock.send(b"x")   # releases the GIL around send()
        sock.recv(1)      # releases the GIL around recv()
        now = clock()
        latencies.append(now - previous)
        previous = now
    return summarise(latencies, clock() - start)


def ping_pong(round_trips):
    """Runs the I/O loop against an echo thread; returns its IoSample."""
    near, far = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    echoer = threading.Thread(target=echo, args=(far,))
    echoer.start()
    try:
        return io_loop(near, round_trips)
    finally:
        near.shutdown(socket.SHUT_RDWR)  # ends the echo thread's recv()
        echoer.join()
        near.close()
        far.close()


# A pause longer than this in a CPU thread's loop (one iteration takes
# ~0.1 us) means another thread held the GIL meanwhile: CPython keeps no GIL
# counters, so the CPU thread counts its own losses of the GIL this way.
GIL_GAP_S = 20e-6


def spin(done, out):
    """`while not done: ...`, the CPU-bound neighbour: spins until the I/O
    thread has made its round trips, timing its own progress to see when it
    lost the GIL (the model reads the same from its GilStats)."""
    clock = time.perf_counter
    resumes, lost = 0, 0.0
    start = last = clock()
    while not done[0]:
        now = clock()
        if now - last > GIL_GAP_S:
            resumes += 1
            lost += now - last
        last = now
    elapsed = clock() - start
    out.append((resumes, (elapsed - lost) / elapsed if elapsed > 0 else 0.0))


def convoy(threads, round_trips, interval_ms):
    done, cpu = [False], []
    workers = [threading.Thread(target=spin, args=(done, cpu)) for _ in range(threads)]
    for t in workers:  # the CPU-bound threads start first, as in the model
        t.start()
    result = {}

    def io():
        try:
            result["beside"] = ping_pong(round_trips)
        finally:
            done[0] = True  # the CPU threads stop

    io_thread = threading.Thread(target=io)
    io_thread.start()
    io_thread.join()
    for t in workers:
        t.join()

    alone = ping_pong(round_trips)
    beside = result["beside"]
    del alone["latencies_ms"]  # only the beside distribution is compared
    slow = sum(1 for x in beside["latencies_ms"] if 2 * x >= interval_ms)
    return {"round_trips": round_trips, "alone": alone, "beside": beside,
            "drop_factor": alone["ops_per_s"] / beside["ops_per_s"] if beside["ops_per_s"] else 0.0,
            "slow_fraction": slow / len(beside["latencies_ms"]),
            "cpu": {"acquisitions": sum(r for r, _ in cpu),
                    "share": statistics.mean(h for _, h in cpu)}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", type=int, default=20_000_000)
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed rounds of sequential, threaded, threaded, sequential")
    parser.add_argument("--switch-interval", type=float, default=5.0, metavar="MS")
    parser.add_argument("--io-thread", action="store_true")
    parser.add_argument("--round-trips", type=int, default=200,
                        help="with --io-thread: round trips per run, alone and beside")
    parser.add_argument("--format", choices=["json", "table"], default="table")
    args = parser.parse_args(argv)
    if not 1 <= args.threads <= 64:
        parser.error("--threads must be in 1..64")
    if not 1 <= args.rounds <= 100:
        parser.error("--rounds must be in 1..100")
    if not 1 <= args.round_trips <= 10_000_000:
        parser.error("--round-trips must be in 1..10000000")
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
        doc["io"] = convoy(args.threads, args.round_trips, args.switch_interval)

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
                      f"  p90 {s['p90_ms']:.3f} ms  p99 {s['p99_ms']:.3f} ms")
            io = doc["io"]
            print(f"  drop factor {io['drop_factor']:.1f}x, round trips that waited >= half an "
                  f"interval {100 * io['slow_fraction']:.1f}%, CPU thread(s) resumed "
                  f"{io['cpu']['acquisitions']} times, held the GIL {100 * io['cpu']['share']:.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
