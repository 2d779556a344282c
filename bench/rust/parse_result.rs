// The Rust side of bench_errors' parse/result row: the same workload (the
// same 4096 integers as text, from the same generator and seed,
// `fail_per_mille` of them made invalid by an 'x' at position 2, one parse
// per call behind #[inline(never)], the same grammar as safelab::parse, the
// error looked at, the index wrapping at 4096) with Rust's Result and `?`.
// Build and run:
//
//   rustc -O bench/rust/parse_result.rs -o /tmp/parse_result
//   /tmp/parse_result            # prints ns per call at each failure rate
//
// (No -C target-cpu=native: bench_errors is built for the baseline x86-64
// too.) Compare with `bench_errors --benchmark_filter='parse/(result|error_code)'`
// run alone, right after, on the same machine.
use std::hint::black_box;
use std::time::Instant;

#[derive(Debug)]
struct ParseError {
    position: u32,
}

#[inline(never)]
fn parse_digits(s: &str) -> Result<i32, ParseError> {
    // One optional '+' and no "+-", as safelab::parse (str::parse alone
    // would also take "++1" and "+-1").
    let t = s.strip_prefix('+').unwrap_or(s);
    let signed_twice = t.len() != s.len() && t.starts_with(['+', '-']);
    let parsed = if signed_twice { "".parse::<i32>() } else { t.parse::<i32>() };
    parsed.map_err(|_| ParseError {
        // The first byte that is not part of a number, as from_chars reports.
        position: s
            .bytes()
            .enumerate()
            .skip(1)
            .find(|(_, b)| !b.is_ascii_digit())
            .map_or(s.len(), |(i, _)| i) as u32,
    })
}

// `?` propagates the error, as SAFELAB_TRY does.
#[inline(never)]
fn parse_result(s: &str) -> Result<i32, ParseError> {
    let v = parse_digits(s)?;
    Ok(v)
}

fn make_texts(fail_per_mille: u64) -> Vec<String> {
    // A 64-bit LCG (Knuth's MMIX constants), seed 42: bench/errors_parse.cpp
    // makes the same numbers.
    let mut state: u64 = 42;
    let mut texts: Vec<String> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) % 2_000_000) as i64 - 1_000_000
        })
        .map(|v| v.to_string())
        .collect();
    let failures = ((4096 * fail_per_mille + 500) / 1000) as usize;
    for k in 0..failures {
        let i = k * texts.len() / failures;
        texts[i].insert(2, 'x');
    }
    texts
}

fn main() {
    println!("fail_per_mille  ns_per_call (median of 7 runs of 20M calls)");
    for &rate in &[0u64, 1, 10, 100, 500, 1000] {
        let texts = make_texts(rate);
        let mut samples = Vec::new();
        for _ in 0..7 {
            let (mut sum, mut errors) = (0i64, 0i64);
            let calls = 20_000_000usize;
            let start = Instant::now();
            for n in 0..calls {
                match parse_result(black_box(&texts[n & 4095])) {
                    Ok(v) => sum += v as i64,
                    Err(e) => errors += (e.position > 0) as i64,
                }
            }
            let ns = start.elapsed().as_nanos() as f64 / calls as f64;
            black_box((sum, errors));
            samples.push(ns);
        }
        samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("{:>14}  {:.2}", rate, samples[3]);
    }
}
