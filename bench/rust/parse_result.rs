// The Rust side of bench_errors' parse/result row: the same workload (4096
// integers as text, `fail_per_mille` of them made invalid by an 'x' at
// position 2, one parse per call behind #[inline(never)], the error looked
// at) with Rust's Result and `?`. Build and run:
//
//   rustc -O -C target-cpu=native bench/rust/parse_result.rs -o /tmp/parse_result
//   /tmp/parse_result            # prints ns per call at each failure rate
//
// Compare with `bench_errors --benchmark_filter='parse/(result|error_code)'`
// run alone, right after, on the same machine.
use std::hint::black_box;
use std::time::Instant;

#[derive(Debug)]
struct ParseError {
    position: u32,
}

#[inline(never)]
fn parse_digits(s: &str) -> Result<i32, ParseError> {
    let t = s.strip_prefix('+').unwrap_or(s);
    t.parse::<i32>().map_err(|_| ParseError {
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
    // A 64-bit LCG: the numbers differ from the C++ run's mt19937_64, their
    // lengths (1 to 7 digits, a sign half the time) do not.
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
