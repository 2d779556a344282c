#!/usr/bin/env python3
"""The benchmark report: Google Benchmark JSON in, Markdown and SVG out.

  bench/report.py run    [--build build/default] [--binaries a,b] [--repetitions 5]
                         [--min-time S] [--out docs/bench]
      runs the bench_<name> binaries, one per catalog family (concurrency,
      errors, memory, io) and one per benchmarked component (own), alone:
      nothing else should run meanwhile; keeps each one's JSON in --out as
      <name>.json, then renders. (--families is the old spelling of --binaries.)
  bench/report.py rust   [--build build/default] [--runs 5] [--out docs/bench]
      only the side-by-side runs with Rust (also part of `run` when rustc is
      present): see RUST_PAIRS.
  bench/report.py render [--out docs/bench] [JSON...]
      renders docs/bench/README.md (the headline ratios) and one SVG per plot.

Every figure comes from one run of one binary; ratios are between rows of the
same run. Plots are plain SVG written here (no plotting package needed), with
titles, axis units and legends so they read without the text.
"""
import argparse
import html
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

# What to plot. Each spec picks rows of one binary's JSON by a regex on the
# benchmark name, groups them into series by the `series` regex group, and
# plots `y` against the numeric argument `x`.
#   y: "time" (real time of the median), "speedup_over_1" (time at x=1 /
#      time at x),
#      or a counter name.
# The concurrency topics' speedup plots are not listed here: catalog_plots()
# makes one per topic found in the JSON's catalog rows.
PLOTS = [
    # concurrency: where the second thread stops paying (start-up at small
    # sizes, memory bandwidth at large ones)
    dict(binary="concurrency", name="parallel_sum_sizes",
         title="parallel_sum: speedup at 2 threads vs input size",
         match=r"^speedup_sizes/parallel_sum/(?P<series>[^/]+)/", x="size", y="speedup",
         xlog=True, xlabel="elements", ylabel="time at 1 thread / time at 2 (x)"),
    # errors: cost per call as failures become common
    dict(binary="errors", name="parse_failure_rate", title="parse: ns per call vs failure rate",
         match=r"^parse/(?P<series>[^/]+)/", x="fail_per_mille", y="time", xcat=True,
         xlabel="failures per 1000 calls", ylabel="time per call (ns)"),
    dict(binary="errors", name="parse_config_failure_rate",
         title="parse_config: ns per call vs failure rate",
         match=r"^parse_config/(?P<series>[^/]+)/", x="fail_per_mille", y="time", xcat=True,
         xlabel="failures per 1000 calls", ylabel="time per call (ns)"),
    # memory: build-and-drop time and peak heap vs graph size
    dict(binary="memory", name="object_graph_time", title="object_graph: build + drop time",
         match=r"^object_graph/(?P<series>python|rust|rust-box|rust-rc)/", x="nodes", y="time",
         xlog=True, ylog=True, xlabel="nodes", ylabel="time (ns)"),
    dict(binary="memory", name="object_graph_peak", title="object_graph: peak heap",
         match=r"^object_graph/(?P<series>python|rust|rust-box|rust-rc)/", x="nodes",
         y="peak_heap_MB", xlog=True, ylog=True, xlabel="nodes", ylabel="peak live heap (MB)"),
    # io: tail latency vs connections, I/O-only requests
    dict(binary="io", name="serve_requests_p99", title="serve_requests (I/O-only): p99 latency",
         match=r"^serve_requests/(?P<series>[^/]+)/conns:\d+/heavy:0", x="conns", y="p99_us",
         xlog=True, xlabel="connections", ylabel="p99 latency (us)"),
    dict(binary="io", name="serve_requests_rps", title="serve_requests (I/O-only): throughput",
         match=r"^serve_requests/(?P<series>[^/]+)/conns:\d+/heavy:0", x="conns", y="req_per_s",
         xlog=True, xlabel="connections", ylabel="requests per second"),
]


# A catalog row (bench/catalog_rows.cpp): "topic/variant/threads:N/size:S"
# (older JSON spelled count_events' size "events").
CATALOG_ROW = re.compile(r"^(?P<topic>[a-z0-9_]+)/(?P<variant>[a-z0-9_-]+)/threads:\d+/(size|events):\d+")


def catalog_plots(binary, rows):
    """One speedup-over-1-thread plot per topic of the concurrency family, the
    topics read from the benchmark rows (registered from the catalog), so that
    a new topic is plotted without an edit here."""
    if binary != "concurrency":
        return []
    topics = sorted({m.group("topic") for r in rows if (m := CATALOG_ROW.match(r["name"]))})
    return [dict(binary=binary, name=f"{topic}_speedup", title=f"{topic}: speedup over 1 thread",
                 match=rf"^{topic}/(?P<series>[^/]+)/threads:", x="threads", y="speedup_over_1",
                 xlabel="threads", ylabel="speedup over 1 thread (x)")
            for topic in topics]


def parse_name(name):
    """'topic/variant/threads:2/events:4/real_time_median' -> ('topic/variant', {'threads': 2, ...})."""
    parts = name.split("/")
    ident, args = [], {}
    for p in parts:
        m = re.fullmatch(r"([A-Za-z_][\w.]*):(-?[\d.]+)", p)
        if m and m.group(1) == "iterations":
            continue  # a fixed iteration count, not an argument
        if m:
            args[m.group(1)] = float(m.group(2))
        elif not p.startswith("real_time") and not p.startswith("min_time") and p not in ("process_time",):
            ident.append(p)
    return "/".join(ident), args


def medians(doc):
    """Rows of a Google Benchmark JSON document, medians when repetitions were used."""
    rows = []
    has_aggregates = any(b.get("run_type") == "aggregate" for b in doc["benchmarks"])
    for b in doc["benchmarks"]:
        if has_aggregates and b.get("aggregate_name") != "median":
            continue
        if b.get("error_occurred"):
            rows.append(dict(name=b["run_name"], error=b.get("error_message", "error")))
            continue
        unit = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        row = dict(name=b.get("run_name", b["name"]), time_ns=b["real_time"] * unit)
        for k, v in b.items():
            if isinstance(v, (int, float)) and k not in ("real_time", "cpu_time", "iterations",
                                                         "repetitions", "repetition_index",
                                                         "threads", "family_index",
                                                         "per_family_instance_index"):
                row[k] = v
        rows.append(row)
    return rows


def series_for(spec, rows):
    series = {}
    for r in rows:
        m = re.search(spec["match"], r["name"])
        if not m or "error" in r:
            continue
        _, args = parse_name(r["name"])
        if spec["x"] not in args:
            continue
        # Rows that differ in another argument (a size, say) are other series.
        others = ", ".join(f"{k}={fmt(v)}" for k, v in sorted(args.items()) if k != spec["x"])
        label = m.group("series") + (f" ({others})" if others else "")
        series.setdefault(label, []).append((args[spec["x"]], r))
    out = {}
    for label, points in series.items():
        points.sort(key=lambda p: p[0])
        if spec["y"] == "time":
            ys = [(x, r["time_ns"]) for x, r in points]
        elif spec["y"] == "speedup_over_1":
            base = next((r["time_ns"] for x, r in points if x == 1), None)
            if base is None:
                continue
            ys = [(x, base / r["time_ns"]) for x, r in points]
        else:
            ys = [(x, r[spec["y"]]) for x, r in points if spec["y"] in r]
        if ys:
            out[label] = ys
    return out


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def nice_ticks(lo, hi, n=5, log=False):
    if log:
        a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        return [10 ** e for e in range(a, b + 1)]
    if hi == lo:
        hi = lo + 1
    step = 10 ** math.floor(math.log10((hi - lo) / n))
    for m in (1, 2, 5, 10):
        if (hi - lo) / (step * m) <= n:
            step *= m
            break
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + step * 0.5:
        ticks.append(round(t, 10))
        t += step
    return ticks


def fmt(v):
    if v == 0:
        return "0"
    if abs(v) >= 1e4 or abs(v) < 1e-2:
        return f"{v:.0e}"
    return f"{v:g}"


def svg_chart(spec, series):
    W, H, L, R, T, B = 700, 400, 70, 230, 40, 50
    xs = [x for pts in series.values() for x, _ in pts]
    ys = [y for pts in series.values() for _, y in pts]
    xlog, ylog = spec.get("xlog", False), spec.get("ylog", False)
    labels = None
    if spec.get("xcat"):  # evenly spaced categories (e.g. 0, 1, 10, 100, 500 per mille)
        cats = sorted(set(xs))
        labels = {i: c for i, c in enumerate(cats)}
        series = {k: [(cats.index(x), y) for x, y in pts] for k, pts in series.items()}
        xs = list(labels)
        xlog = False
    xt = list(labels) if labels is not None else nice_ticks(min(xs), max(xs), log=xlog)
    yt = nice_ticks(0 if not ylog else min(ys), max(ys) * 1.05, log=ylog)
    x0, x1, y0, y1 = xt[0], xt[-1], yt[0], yt[-1]
    tf = (lambda v: math.log10(v)) if xlog else (lambda v: v)
    gf = (lambda v: math.log10(v)) if ylog else (lambda v: v)
    px = lambda v: L + (tf(v) - tf(x0)) / ((tf(x1) - tf(x0)) or 1) * (W - L - R)
    py = lambda v: H - B - (gf(v) - gf(y0)) / ((gf(y1) - gf(y0)) or 1) * (H - T - B)
    e = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W/2 - R/2 + L/2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">{e(spec["title"])}</text>']
    for t in xt:
        out.append(f'<line x1="{px(t):.1f}" y1="{T}" x2="{px(t):.1f}" y2="{H-B}" stroke="#ddd"/>')
        out.append(f'<text x="{px(t):.1f}" y="{H-B+16}" text-anchor="middle">{fmt(labels[t] if labels else t)}</text>')
    for t in yt:
        out.append(f'<line x1="{L}" y1="{py(t):.1f}" x2="{W-R}" y2="{py(t):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L-6}" y="{py(t)+4:.1f}" text-anchor="end">{fmt(t)}</text>')
    out.append(f'<rect x="{L}" y="{T}" width="{W-L-R}" height="{H-T-B}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{L + (W-L-R)/2}" y="{H-12}" text-anchor="middle">{e(spec["xlabel"])}</text>')
    out.append(f'<text transform="translate(16,{T + (H-T-B)/2}) rotate(-90)" text-anchor="middle">{e(spec["ylabel"])}</text>')
    for i, (label, pts) in enumerate(sorted(series.items())):
        c = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{c}"/>')
        ly = T + 10 + i * 18
        out.append(f'<line x1="{W-R+12}" y1="{ly}" x2="{W-R+32}" y2="{ly}" stroke="{c}" stroke-width="2"/>')
        out.append(f'<text x="{W-R+38}" y="{ly+4}">{e(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render(out_dir, json_files):
    docs = {}
    for path in json_files:
        binary = os.path.basename(path)[: -len(".json")]
        with open(path) as f:
            docs[binary] = json.load(f)
    lines = ["# Benchmark report", "",
             "Generated by `bench/report.py` from Google Benchmark JSON (medians of repetitions, "
             "one run per binary); absolute times depend on the machine, ratios are the point.",
             ""]
    for binary, doc in sorted(docs.items()):
        ctx = doc.get("context", {})
        rows = medians(doc)
        lines += [f"## {binary}", "",
                  f"{ctx.get('date', '?')}, {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
                  f"safelab built {ctx.get('safelab_build_type', '?')} "
                  f"(the Google Benchmark library itself: {ctx.get('library_build_type', '?')}).", "",
                  "| benchmark | median time | counters |", "|---|---|---|"]
        for r in rows:
            if "error" in r:
                lines.append(f"| {r['name']} | ERROR: {r['error']} | |")
                continue
            counters = ", ".join(f"{k}={fmt(v)}" for k, v in sorted(r.items())
                                 if k not in ("name", "time_ns"))
            lines.append(f"| {r['name']} | {human(r['time_ns'])} | {counters} |")
        lines.append("")
        for spec in catalog_plots(binary, rows) + PLOTS:
            if spec["binary"] != binary:
                continue
            series = series_for(spec, rows)
            if not series:
                continue
            svg = f"{spec['name']}.svg"
            with open(os.path.join(out_dir, svg), "w") as f:
                f.write(svg_chart(spec, series))
            lines += [f"### {spec['title']}", "", f"![{spec['title']}]({svg})", "",
                      "| series | " + " | ".join(f"{spec['x']}={fmt(x)}" for x, _ in max(series.values(), key=len)) + " |",
                      "|---|" + "---|" * len(max(series.values(), key=len))]
            for label, pts in sorted(series.items()):
                lines.append(f"| {label} | " + " | ".join(value(spec, y) for _, y in pts) + " |")
            lines.append("")
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"report: wrote {os.path.join(out_dir, 'README.md')}")


def value(spec, y):
    if spec["y"] == "time":
        return human(y)
    if spec["y"] in ("speedup_over_1", "speedup"):
        return f"{y:.2f}x"
    return fmt(y)


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns/scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def build_type(build):
    """CMAKE_BUILD_TYPE of the build tree, as CMakeCache.txt records it."""
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1].strip() or "unset"
    except OSError:
        pass
    return "?"


def run(build, names, repetitions, out_dir, min_time):
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        binary = os.path.join(build, "bin", f"bench_{name}")
        if not os.path.exists(binary):
            sys.exit(f"report: no {binary}; build it with `cmake --build --preset default --target bench`")
        out = os.path.join(out_dir, f"{name}.json")
        print(f"report: running {binary} ({repetitions} repetitions)", file=sys.stderr)
        subprocess.run([binary, f"--benchmark_repetitions={repetitions}",
                        f"--benchmark_min_time={min_time}",
                        "--benchmark_report_aggregates_only=true",
                        # Repetitions of all rows interleaved in random order: a machine
                        # whose speed drifts (seconds-long slow spells on the 2-core VM)
                        # then slows every row alike instead of the rows that ran then.
                        "--benchmark_enable_random_interleaving=true",
                        f"--benchmark_context=safelab_build_type={build_type(build)}",
                        f"--benchmark_out={out}", "--benchmark_out_format=json"],
                       check=True, stdout=subprocess.DEVNULL)


# Programs with a Rust twin: `cpp` (in <build>/bin) and bench/rust/<rust> print
# the same "<row> <time>" lines (ns, or ms where ns_per_unit says so). They run alternately, `runs` times each,
# and docs/bench/rust_<name>.md gets the medians and safelab / Rust.
RUST_PAIRS = [
    dict(name="mutex", cpp="vs_rust_mutex", rust="bench/rust/mutex.rs", ns_per_unit=1),
    dict(name="channel", cpp="vs_rust_channel", rust="bench/rust/channel.rs", ns_per_unit=1e6),
]


def rust_side_by_side(build, out_dir, runs):
    rustc = shutil.which("rustc")
    if rustc is None:
        print("report: no rustc, side-by-side rows with Rust skipped", file=sys.stderr)
        return
    version = subprocess.run([rustc, "--version"], capture_output=True, text=True).stdout.strip()
    for pair in RUST_PAIRS:
        cpp = os.path.join(build, "bin", pair["cpp"])
        if not os.path.exists(cpp):
            sys.exit(f"report: no {cpp}; build it with `cmake --build --preset default --target {pair['cpp']}`")
        with tempfile.TemporaryDirectory() as tmp:
            rust = os.path.join(tmp, pair["name"])
            subprocess.run([rustc, "--edition", "2021", "-O", pair["rust"], "-o", rust], check=True)
            times = {}  # row -> side -> [ns]
            for _ in range(runs):  # alternating: a slow spell hits both sides
                for side, exe in (("safelab", cpp), ("rust", rust)):
                    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
                    for line in out.splitlines():
                        row, ns = line.split()
                        times.setdefault(row, {}).setdefault(side, []).append(float(ns) * pair["ns_per_unit"])
        lines = [f"# safelab / Rust: {pair['name']}", "",
                 f"`{pair['cpp']}` ({build_type(build)}) and `rustc -O {pair['rust']}` ({version}), "
                 f"run alternately, median of {runs}.", "",
                 "| row | safelab | Rust | safelab / Rust |", "|---|---|---|---|"]
        for row, sides in times.items():
            a, b = statistics.median(sides["safelab"]), statistics.median(sides["rust"])
            lines.append(f"| {row} | {human(a)} | {human(b)} | {a / b:.2f} |")
        path = os.path.join(out_dir, f"rust_{pair['name']}.md")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines))
        print(f"report: wrote {path}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run the benchmark binaries, then render")
    r.add_argument("--build", default="build/default")
    r.add_argument("--binaries", "--families", dest="binaries", default="",
                   help="comma-separated bench_<name> binaries to run (default: all)")
    r.add_argument("--repetitions", type=int, default=5)
    r.add_argument("--out", default="docs/bench")
    r.add_argument("--min-time", type=float, default=0.5,
                   help="seconds per repetition (Google Benchmark's --benchmark_min_time)")
    rs = sub.add_parser("rust", help="only the side-by-side runs with Rust (RUST_PAIRS)")
    rs.add_argument("--build", default="build/default")
    rs.add_argument("--runs", type=int, default=5)
    rs.add_argument("--out", default="docs/bench")
    g = sub.add_parser("render", help="render JSON already produced")
    g.add_argument("--out", default="docs/bench")
    g.add_argument("json", nargs="*")
    args = ap.parse_args()
    if args.command == "rust":
        os.makedirs(args.out, exist_ok=True)
        rust_side_by_side(args.build, args.out, args.runs)
        return
    if args.command == "run":
        names = [f for f in args.binaries.split(",") if f] or sorted(
            n[len("bench_"):] for n in os.listdir(os.path.join(args.build, "bin")) if n.startswith("bench_"))
        run(args.build, names, args.repetitions, args.out, args.min_time)
        rust_side_by_side(args.build, args.out, args.repetitions)
        # Render every binary's JSON in --out, the ones just run and the
        # others (a run of some binaries must not drop the rest from the page).
        files = sorted(os.path.join(args.out, f) for f in os.listdir(args.out) if f.endswith(".json"))
    else:
        os.makedirs(args.out, exist_ok=True)
        files = args.json or sorted(os.path.join(args.out, f) for f in os.listdir(args.out) if f.endswith(".json"))
    if not files:
        sys.exit("report: no benchmark JSON to render")
    render(args.out, files)


if __name__ == "__main__":
    main()
