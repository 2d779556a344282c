#!/usr/bin/env python3
"""Model vs CPython, side by side: the fidelity report of the GIL model.

Runs the same experiments on the real CPython (gil_experiments.py, in a
child python3 process) and on the model (`safelab gil --format json`), and
prints them side by side against the targets of issue 3:

  CPU-bound   N threads / sequential, N = 2 and 4, 5 ms interval:
              the model within +-15% of CPython.
  convoy      an I/O thread's ops/s alone / beside one CPU-bound thread, at
              switch intervals 0.5, 5 and 50 ms: the model's drop factor
              within 2x of CPython's.

Each experiment runs --runs times (default 3), CPython and the model
alternately, and the report compares the *medians*. Inside each run the
CPU-bound ratio is itself the median of --rounds rounds timed in the order
sequential, threaded, threaded, sequential. Both guard against the machine,
not the programs: on the 2-core VM this was developed on, identical work
ran up to 2x slower for seconds at a time, and a sequential baseline timed
once, before the threaded run, gave 4 GIL-bound CPython threads a ratio of
0.75. The spread (min-max over runs) is printed beside each median so that
a noisy run shows as one. Run it on a quiet machine anyway.

  python3 bench/fidelity/report.py --safelab build/default/bin/safelab \
      [--runs 3] [--rounds 3] [--format md]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def both(safelab, args, runs):
    """Runs the experiment `runs` times on each side, alternating, so that a
    slow minute on the machine hits both sides alike. Returns two lists."""
    cpython, model = [], []
    for _ in range(runs):
        cpython.append(run_json([sys.executable, os.path.join(HERE, "gil_experiments.py"),
                                 "--format", "json", *args]))
        model.append(run_json([safelab, "gil", "--format", "json", *args]))
    return cpython, model


def median_of(docs, *path):
    """The median over runs of docs[i][path[0]][path[1]]..., and its spread."""
    values = []
    for d in docs:
        for key in path:
            d = d[key]
        values.append(d)
    return statistics.median(values), min(values), max(values)


def spread(m):
    return f"{m[0]:.3f} ({m[1]:.3f}-{m[2]:.3f})"


def render(rows, header, fmt):
    if fmt == "md":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt_row = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths))
    return "\n".join([fmt_row(header), fmt_row(["-" * w for w in widths])] +
                     [fmt_row(r) for r in rows])


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--safelab", default=os.path.join(HERE, "..", "..", "build", "default",
                                                     "bin", "safelab"),
                   help="the safelab binary (a non-sanitizer build)")
    p.add_argument("--cpu-work", type=int, default=10_000_000,
                   help="iterations per thread in the CPU-bound runs")
    p.add_argument("--convoy-work", type=int, default=100_000_000,
                   help="iterations of the CPU-bound neighbour in the convoy runs")
    p.add_argument("--runs", type=int, default=3,
                   help="runs of each experiment on each side; the report uses medians")
    p.add_argument("--rounds", type=int, default=3,
                   help="ABBA rounds inside each CPU-bound run (1..100)")
    p.add_argument("--format", choices=["table", "md", "json"], default="table")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be at least 1")
    if not 1 <= args.rounds <= 100:
        p.error("--rounds must be in 1..100")
    if not os.access(args.safelab, os.X_OK):
        p.error(f"no safelab binary at {args.safelab}; build it or pass --safelab PATH")

    doc = {"cpu_bound": [], "convoy": []}
    all_ok = True
    cpu_rows = []
    for threads in (2, 4):
        cpy, mod = both(args.safelab, ["--threads", str(threads), "--work", str(args.cpu_work),
                                       "--rounds", str(args.rounds), "--switch-interval", "5"],
                    args.runs)
        c = median_of(cpy, "cpu_bound", "ratio")
        m = median_of(mod, "cpu_bound", "ratio")
        ok = abs(m[0] - c[0]) / c[0] <= 0.15
        all_ok &= ok
        doc["cpu_bound"].append({"threads": threads, "runs": args.runs, "rounds": args.rounds,
                                 "cpython": c[0],
                                 "model": m[0], "cpython_range": c[1:], "model_range": m[1:],
                                 "within_15pct": ok})
        cpu_rows.append([f"{threads} threads / sequential", spread(c), spread(m),
                         f"{(m[0] - c[0]) / c[0] * 100:+.1f}%", "yes" if ok else "NO"])

    convoy_rows = []
    for interval in ("0.5", "5", "50"):
        cpy, mod = both(args.safelab, ["--threads", "1", "--work", str(args.convoy_work),
                                       "--rounds", "1", "--switch-interval", interval,
                                       "--io-thread"], args.runs)
        row = {}
        for side, docs in (("cpython", cpy), ("model", mod)):
            row[side] = {
                "alone_ops_per_s": median_of(docs, "io", "alone", "ops_per_s")[0],
                "beside_ops_per_s": median_of(docs, "io", "beside", "ops_per_s")[0],
                "drop_factor": median_of(docs, "io", "drop_factor"),
                "p50_ms": median_of(docs, "io", "beside", "p50_ms")[0],
                "p99_ms": median_of(docs, "io", "beside", "p99_ms")[0],
            }
        c, m = row["cpython"], row["model"]
        cd, md = c["drop_factor"][0], m["drop_factor"][0]
        ratio = md / cd if cd else float("inf")
        ok = 0.5 <= ratio <= 2.0
        all_ok &= ok
        doc["convoy"].append({"interval_ms": float(interval), "runs": args.runs, "cpython": c,
                              "model": m, "within_2x": ok})
        drop = lambda d: f"{d[0]:.1f}x ({d[1]:.1f}-{d[2]:.1f})"
        convoy_rows.append([
            f"{interval} ms",
            f"{c['alone_ops_per_s']:.0f} -> {c['beside_ops_per_s']:.0f}",
            drop(c["drop_factor"]), f"{c['p50_ms']:.3f} / {c['p99_ms']:.2f}",
            f"{m['alone_ops_per_s']:.0f} -> {m['beside_ops_per_s']:.0f}",
            drop(m["drop_factor"]), f"{m['p50_ms']:.3f} / {m['p99_ms']:.2f}",
            "yes" if ok else "NO"])

    if args.format == "json":
        doc["all_within_targets"] = all_ok
        print(json.dumps(doc, indent=2))
    else:
        print(f"CPython {sys.version.split()[0]} vs the safelab GIL model, "
              f"medians of {args.runs} run(s) each (min-max in brackets)\n")
        print(f"CPU-bound threads (5 ms switch interval, {args.cpu_work} iterations per thread, "
              f"median of {args.rounds} ABBA rounds per run; target: model within +-15%)\n")
        print(render(cpu_rows, ["run", "CPython", "model", "difference", "within target"],
                     args.format))
        print("\nConvoy: I/O ping-pong ops/s alone -> beside one CPU-bound thread "
              "(target: drop factors within 2x)\n")
        print(render(convoy_rows, ["interval", "CPython ops/s", "CPython drop",
                                   "CPython p50/p99 ms", "model ops/s", "model drop",
                                   "model p50/p99 ms", "within target"], args.format))
        print("\nall within targets: " + ("yes" if all_ok else "NO"))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
