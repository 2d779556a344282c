// safelab gil: runs the classic GIL experiments on the model (or on the
// free-threaded runtime) and prints what CPython users see: CPU-bound threads
// that do not scale, and with --io-thread the convoy effect on an I/O-bound
// thread. bench/fidelity/report.py runs the same experiments on the real
// CPython and puts both side by side.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "commands.h"
#include "gil/experiment.h"
#include "output.h"

namespace safelab::cli {
namespace {

std::string fixed(double v, int digits) { return absl::StrFormat("%.*f", digits, v); }

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
  Json j;
  j["id"] = static_cast<std::int64_t>(t.id);
  j["name"] = t.name;
  j["acquisitions"] = static_cast<std::int64_t>(t.acquisitions);
  j["forced_drops"] = static_cast<std::int64_t>(t.forced_drops);
  j["drop_requests"] = static_cast<std::int64_t>(t.drop_requests);
  j["hold_s"] = seconds(t.hold_time);
  j["wait_s"] = seconds(t.wait_time);
  j["max_wait_ms"] = millis(t.max_wait);
  return j;
}

// Mean release-to-take latency of the switches a waiter woke up for.
double mean_handoff_us(const gil::GilStats& s) {
  if (s.handoffs == 0) return 0.0;
  return static_cast<double>(s.handoff_time.count()) / 1e3 / static_cast<double>(s.handoffs);
}

Json stats_json(const gil::GilStats& s) {
  Json threads = Json::array();
  for (const gil::ThreadStats& t : s.threads) threads.push_back(thread_json(t));
  Json j;
  j["switches"] = static_cast<std::int64_t>(s.switches);
  j["drop_requests"] = static_cast<std::int64_t>(s.drop_requests);
  j["forced_switches"] = static_cast<std::int64_t>(s.forced_switches);
  j["handoffs"] = static_cast<std::int64_t>(s.handoffs);
  j["handoff_us_mean"] = mean_handoff_us(s);
  j["max_holders"] = static_cast<std::int64_t>(s.max_holders);
  j["total_wait_s"] = seconds(s.total_wait);
  j["threads"] = std::move(threads);
  return j;
}

Json io_json(const gil::IoSample& s) {
  Json j;
  j["ops"] = s.ops;
  j["seconds"] = seconds(s.elapsed);
  j["ops_per_s"] = s.ops_per_second();
  j["mean_ms"] = s.ops > 0 ? millis(s.elapsed) / static_cast<double>(s.ops) : 0.0;
  j["p50_ms"] = millis(s.p50);
  j["p90_ms"] = millis(s.p90);
  j["p99_ms"] = millis(s.p99);
  return j;
}

// What the CPU-bound neighbours got beside the I/O thread: their GIL
// acquisitions and the share of their lifetime they held it (they never
// release it on their own, so a lifetime is held + waited).
Json cpu_json(const gil::ConvoyResult& c) {
  std::int64_t acquisitions = 0;
  std::chrono::nanoseconds held{0};
  std::chrono::nanoseconds lived{0};
  for (const gil::ThreadStats& t : c.stats.threads) {
    if (t.name.starts_with("cpu-")) {
      acquisitions += static_cast<std::int64_t>(t.acquisitions);
      held += t.hold_time;
      lived += t.hold_time + t.wait_time;
    }
  }
  Json j;
  j["acquisitions"] = acquisitions;
  j["share"] = lived.count() > 0 ? seconds(held) / seconds(lived) : 0.0;
  return j;
}

void add_thread_rows(Table& t, const std::string& run, const gil::GilStats& s) {
  for (const gil::ThreadStats& th : s.threads) {
    t.add({run, th.name, std::to_string(th.acquisitions), human(th.hold_time), human(th.wait_time),
           human(th.max_wait), std::to_string(th.drop_requests), std::to_string(th.forced_drops)});
  }
}

struct Options {
  std::int64_t threads = 2;
  std::int64_t work = 20'000'000;
  std::int64_t rounds = 3;
  std::int64_t round_trips = 200;
  std::string interval_word = "5";
  std::string runtime_word = "gil";
  Format format = Format::table;
  bool io_thread = false;
};

// The model: the CPU-bound experiment, and the convoy one when asked for.
struct GilReport {
  const Options* opts;
  gil::Runtime runtime;
  std::chrono::microseconds interval;
  gil::CpuBoundResult cpu;
  std::optional<gil::ConvoyResult> convoy;
};

Json to_json(const GilReport& r) {
  Json cpu;
  cpu["sequential_s"] = seconds(r.cpu.sequential);
  cpu["threaded_s"] = seconds(r.cpu.threaded);
  cpu["ratio"] = r.cpu.ratio();
  cpu["rounds"] = r.opts->rounds;
  cpu["round_ratios"] = r.cpu.round_ratios;
  cpu["gil"] = stats_json(r.cpu.stats);
  Json doc;
  doc["runtime"] = gil::to_string(r.runtime);
  doc["threads"] = r.opts->threads;
  doc["work"] = r.opts->work;
  doc["switch_interval_ms"] = static_cast<double>(r.interval.count()) / 1000.0;
  doc["cpu_bound"] = std::move(cpu);
  if (r.convoy) {
    Json io;
    io["round_trips"] = r.opts->round_trips;
    io["alone"] = io_json(r.convoy->alone);
    io["beside"] = io_json(r.convoy->beside);
    Json latencies = Json::array();
    for (std::chrono::nanoseconds l : r.convoy->beside.latencies) latencies.push_back(millis(l));
    io["beside"]["latencies_ms"] = std::move(latencies);
    io["drop_factor"] = r.convoy->drop_factor();
    io["slow_fraction"] = r.convoy->slow_fraction(r.interval);
    if (r.runtime == gil::Runtime::gil) io["cpu"] = cpu_json(*r.convoy);
    io["gil"] = stats_json(r.convoy->stats);
    doc["io"] = std::move(io);
  }
  return doc;
}

// Three tables with the prose between them.
void render_tables(std::ostream& out, Format f, const GilReport& r) {
  const Options& o = *r.opts;
  const gil::CpuBoundResult& cpu = r.cpu;
  out << "runtime " << gil::to_string(r.runtime) << ", " << o.threads << " thread(s) x " << o.work
      << " iterations, switch interval " << o.interval_word << " ms\n";
  out << "ratio = median over " << o.rounds << " round(s) of sequential, threaded, threaded, "
      << "sequential:";
  for (double ratio : cpu.round_ratios) out << " " << fixed(ratio, 3);
  out << "\n\n";
  Table summary({"run", "wall", "ratio to sequential", "switches", "drop requests",
                 "forced switches", "hand-off (mean)", "time waiting"});
  summary.add({"sequential (1 thread)", human(cpu.sequential), "1.000", "-", "-", "-", "-", "-"});
  summary.add({std::to_string(o.threads) + " threads", human(cpu.threaded), fixed(cpu.ratio(), 3),
               std::to_string(cpu.stats.switches), std::to_string(cpu.stats.drop_requests),
               std::to_string(cpu.stats.forced_switches),
               cpu.stats.handoffs == 0 ? "-" : fixed(mean_handoff_us(cpu.stats), 1) + " us",
               human(cpu.stats.total_wait)});
  summary.render(out, f);

  if (r.convoy) {
    const gil::ConvoyResult& convoy = *r.convoy;
    out << "\nI/O-bound thread (socketpair round trips, GIL released around each call)\n\n";
    Table io({"I/O thread", "ops", "ops/s", "p50 latency", "p90 latency", "p99 latency"});
    io.add({"alone", std::to_string(convoy.alone.ops), fixed(convoy.alone.ops_per_second(), 0),
            human(convoy.alone.p50), human(convoy.alone.p90), human(convoy.alone.p99)});
    io.add({"beside " + std::to_string(o.threads) + " CPU thread(s)",
            std::to_string(convoy.beside.ops), fixed(convoy.beside.ops_per_second(), 0),
            human(convoy.beside.p50), human(convoy.beside.p90), human(convoy.beside.p99)});
    io.render(out, f);
    out << "\ndrop factor (ops/s alone / beside): " << fixed(convoy.drop_factor(), 1) << "x\n";
    out << "round trips that waited >= half an interval: "
        << fixed(100.0 * convoy.slow_fraction(r.interval), 1) << "%\n";
  }
  if (r.runtime == gil::Runtime::gil) {
    out << "\nper thread (CPU-bound run" << (r.convoy ? ", then the convoy run" : "") << ")\n\n";
    Table per({"run", "thread", "acquisitions", "held", "waited", "longest wait", "drop requests",
               "forced drops"});
    add_thread_rows(per, "cpu-bound", cpu.stats);
    if (r.convoy) add_thread_rows(per, "convoy", r.convoy->stats);
    per.render(out, f);
  }
}

int run_gil(const Options& o, const std::string& command) {
  const auto interval = parse_interval_ms(o.interval_word);
  if (!interval) {
    return usage_error(absl::StrFormat("safelab gil: --switch-interval wants milliseconds between "
                                       "0.001 and 3600000, got '%s'",
                                       o.interval_word),
                       command);
  }
  GilReport r{&o, *gil::parse_runtime(o.runtime_word), *interval, {}, std::nullopt};
  const int threads = static_cast<int>(o.threads);
  r.cpu = gil::run_cpu_bound({threads, o.work, *interval, r.runtime, static_cast<int>(o.rounds)});
  if (o.io_thread) r.convoy = gil::run_convoy({threads, o.round_trips, *interval, r.runtime});
  if (o.format == Format::json) {
    print_json(std::cout, to_json(r));
  } else {
    render_tables(std::cout, o.format, r);
  }
  return 0;
}

}  // namespace

void add_gil(CLI::App& parent, Commands& commands) {
  auto opts = std::make_shared<Options>();
  CLI::App* app = add_command(
      parent, "gil", "run the GIL experiments on the model: scaling, convoy effect",
      "Runs CPU-bound threads on the CPython 3.11 GIL model (or the free-threaded runtime): N "
      "threads each counting down from W against one thread doing all of it, and with "
      "--io-thread an I/O-bound thread's round trips beside them and alone (the convoy effect). "
      "Compare with CPython: python3 bench/fidelity/report.py");
  app->add_option("--threads", opts->threads, "CPU-bound threads N (default 2)")
      ->check(between(1, 64));
  app->add_option("--work", opts->work, "iterations per thread W (default 20000000)")
      ->check(between(1, std::int64_t{1} << 40));
  app->add_option("--rounds", opts->rounds,
                  "timed rounds of sequential, threaded, threaded, sequential; the ratio is their "
                  "median (default 3)")
      ->check(between(1, 100));
  app->add_option("--round-trips", opts->round_trips,
                  "with --io-thread: round trips of the I/O thread per run, alone and beside; the "
                  "CPU threads spin until they are done (default 200)")
      ->check(between(1, 10'000'000));
  app->add_option("--switch-interval", opts->interval_word,
                  "MS: switch interval in milliseconds, e.g. 0.5 (default 5)");
  app->add_flag("--io-thread", opts->io_thread,
                "also run the convoy experiment: an I/O thread beside the N threads");
  app->add_option("--runtime", opts->runtime_word, "gil (default) or free-threaded")
      ->check(one_of({"gil", "free-threaded"}));
  add_format_option(app, &opts->format);
  commands.add(app, [opts, app] { return run_gil(*opts, command_path(app)); });
}

}  // namespace safelab::cli
