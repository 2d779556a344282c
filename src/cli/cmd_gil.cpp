// safelab gil: runs the classic GIL experiments on the model (or on the
// free-threaded runtime) and prints what CPython users see: CPU-bound threads
// that do not scale, and with --io-thread the convoy effect on an I/O-bound
// thread. bench/fidelity/report.py runs the same experiments on the real
// CPython and puts both side by side.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "args.h"
#include "commands.h"
#include "gil/experiment.h"
#include "output.h"

namespace safelab::cli {
namespace {

std::string fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double seconds(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1e9; }
double millis(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1e6; }
std::string human(std::chrono::nanoseconds d) {
  return human_duration(static_cast<double>(d.count()));
}

// "5", "0.5", "50": milliseconds, > 0 and at least one microsecond.
std::optional<std::chrono::microseconds> parse_interval_ms(const std::string& word) {
  char* end = nullptr;
  const double ms = std::strtod(word.c_str(), &end);
  if (word.empty() || end != word.c_str() + word.size() || !std::isfinite(ms) || ms < 0.001 ||
      ms > 3'600'000.0) {
    return std::nullopt;
  }
  return std::chrono::microseconds(std::llround(ms * 1000.0));
}

Json thread_json(const gil::ThreadStats& t) {
  return Json::object()
      .set("id", static_cast<std::int64_t>(t.id))
      .set("name", t.name)
      .set("acquisitions", static_cast<std::int64_t>(t.acquisitions))
      .set("forced_drops", static_cast<std::int64_t>(t.forced_drops))
      .set("drop_requests", static_cast<std::int64_t>(t.drop_requests))
      .set("hold_s", seconds(t.hold_time))
      .set("wait_s", seconds(t.wait_time))
      .set("max_wait_ms", millis(t.max_wait));
}

// Mean release-to-take latency of the switches a waiter woke up for.
double mean_handoff_us(const gil::GilStats& s) {
  if (s.handoffs == 0) return 0.0;
  return static_cast<double>(s.handoff_time.count()) / 1e3 / static_cast<double>(s.handoffs);
}

Json stats_json(const gil::GilStats& s) {
  Json threads = Json::array();
  for (const gil::ThreadStats& t : s.threads) threads.push(thread_json(t));
  return Json::object()
      .set("switches", static_cast<std::int64_t>(s.switches))
      .set("drop_requests", static_cast<std::int64_t>(s.drop_requests))
      .set("forced_switches", static_cast<std::int64_t>(s.forced_switches))
      .set("handoffs", static_cast<std::int64_t>(s.handoffs))
      .set("handoff_us_mean", mean_handoff_us(s))
      .set("max_holders", static_cast<std::int64_t>(s.max_holders))
      .set("total_wait_s", seconds(s.total_wait))
      .set("threads", std::move(threads));
}

Json io_json(const gil::IoSample& s) {
  return Json::object()
      .set("ops", s.ops)
      .set("seconds", seconds(s.elapsed))
      .set("ops_per_s", s.ops_per_second())
      .set("p50_ms", millis(s.p50))
      .set("p99_ms", millis(s.p99));
}

void add_thread_rows(Table& t, const std::string& run, const gil::GilStats& s) {
  for (const gil::ThreadStats& th : s.threads) {
    t.add({run, th.name, std::to_string(th.acquisitions), human(th.hold_time), human(th.wait_time),
           human(th.max_wait), std::to_string(th.drop_requests), std::to_string(th.forced_drops)});
  }
}

}  // namespace

int cmd_gil(const Args& args) {
  std::int64_t threads = 2;
  std::int64_t work = 20'000'000;
  std::int64_t rounds = 3;
  std::string interval_word = "5";
  std::string runtime_word = "gil";
  std::string format = "table";
  bool io_thread = false;
  ArgParser parser(
      "safelab gil",
      "Runs CPU-bound threads on the CPython 3.11 GIL model (or the free-threaded runtime): "
      "N threads each counting down from W against one thread doing all of it, and with "
      "--io-thread an I/O-bound thread's round trips beside them and alone (the convoy "
      "effect). Compare with CPython: python3 bench/fidelity/report.py");
  parser.integer("threads", "CPU-bound threads N (default 2)", &threads, 1, 64)
      .integer("work", "iterations per thread W (default 20000000)", &work, 1,
               std::int64_t{1} << 40)
      .integer("rounds",
               "timed rounds of sequential, threaded, threaded, sequential; the ratio is "
               "their median (default 3)",
               &rounds, 1, 100)
      .option("switch-interval", "MS", "switch interval in milliseconds, e.g. 0.5 (default 5)",
              &interval_word)
      .flag("io-thread", "also run the convoy experiment: an I/O thread beside the N threads",
            &io_thread)
      .choice("runtime", "gil (default) or free-threaded", &runtime_word, {"gil", "free-threaded"})
      .choice("format", "output format", &format, format_names());
  if (auto err = parser.parse(args)) return usage_error(err->message, parser.command());
  if (parser.help_requested()) {
    std::cout << parser.help();
    return 0;
  }
  const auto interval = parse_interval_ms(interval_word);
  if (!interval) {
    return usage_error(
        "safelab gil: --switch-interval wants milliseconds between 0.001 and "
        "3600000, got '" +
            interval_word + "'",
        parser.command());
  }
  const gil::Runtime runtime = *gil::parse_runtime(runtime_word);

  const gil::CpuBoundResult cpu = gil::run_cpu_bound(
      {static_cast<int>(threads), work, *interval, runtime, static_cast<int>(rounds)});
  std::optional<gil::ConvoyResult> convoy;
  if (io_thread) convoy = gil::run_convoy({static_cast<int>(threads), work, *interval, runtime});

  if (parse_format(format) == Format::json) {
    Json round_ratios = Json::array();
    for (double r : cpu.round_ratios) round_ratios.push(r);
    Json doc = Json::object();
    doc.set("runtime", gil::to_string(runtime))
        .set("threads", threads)
        .set("work", work)
        .set("switch_interval_ms", static_cast<double>(interval->count()) / 1000.0)
        .set("cpu_bound", Json::object()
                              .set("sequential_s", seconds(cpu.sequential))
                              .set("threaded_s", seconds(cpu.threaded))
                              .set("ratio", cpu.ratio())
                              .set("rounds", rounds)
                              .set("round_ratios", std::move(round_ratios))
                              .set("gil", stats_json(cpu.stats)));
    if (convoy) {
      doc.set("io", Json::object()
                        .set("alone", io_json(convoy->alone))
                        .set("beside", io_json(convoy->beside))
                        .set("drop_factor", convoy->drop_factor())
                        .set("gil", stats_json(convoy->stats)));
    }
    doc.write(std::cout);
    std::cout << "\n";
    return 0;
  }

  const Format f = parse_format(format);
  std::cout << "runtime " << gil::to_string(runtime) << ", " << threads << " thread(s) x " << work
            << " iterations, switch interval " << interval_word << " ms\n";
  std::cout << "ratio = median over " << rounds << " round(s) of sequential, threaded, threaded, "
            << "sequential:";
  for (double r : cpu.round_ratios) std::cout << " " << fixed(r, 3);
  std::cout << "\n\n";
  Table summary({"run", "wall", "ratio to sequential", "switches", "drop requests",
                 "forced switches", "hand-off (mean)", "time waiting"});
  summary.add({"sequential (1 thread)", human(cpu.sequential), "1.000", "-", "-", "-", "-", "-"});
  summary.add({std::to_string(threads) + " threads", human(cpu.threaded), fixed(cpu.ratio(), 3),
               std::to_string(cpu.stats.switches), std::to_string(cpu.stats.drop_requests),
               std::to_string(cpu.stats.forced_switches),
               cpu.stats.handoffs == 0 ? "-" : fixed(mean_handoff_us(cpu.stats), 1) + " us",
               human(cpu.stats.total_wait)});
  summary.render(std::cout, f);

  if (convoy) {
    std::cout << "\nI/O-bound thread (socketpair round trips, GIL released around each call)\n\n";
    Table io({"I/O thread", "ops", "ops/s", "p50 latency", "p99 latency"});
    io.add({"alone", std::to_string(convoy->alone.ops), fixed(convoy->alone.ops_per_second(), 0),
            human(convoy->alone.p50), human(convoy->alone.p99)});
    io.add({"beside " + std::to_string(threads) + " CPU thread(s)",
            std::to_string(convoy->beside.ops), fixed(convoy->beside.ops_per_second(), 0),
            human(convoy->beside.p50), human(convoy->beside.p99)});
    io.render(std::cout, f);
    std::cout << "\ndrop factor (ops/s alone / beside): " << fixed(convoy->drop_factor(), 1)
              << "x\n";
  }
  if (runtime == gil::Runtime::gil) {
    std::cout << "\nper thread (CPU-bound run" << (convoy ? ", then the convoy run" : "")
              << ")\n\n";
    Table per({"run", "thread", "acquisitions", "held", "waited", "longest wait", "drop requests",
               "forced drops"});
    add_thread_rows(per, "cpu-bound", cpu.stats);
    if (convoy) add_thread_rows(per, "convoy", convoy->stats);
    per.render(std::cout, f);
  }
  return 0;
}

}  // namespace safelab::cli
