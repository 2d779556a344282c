// Rust's side of safelab::err's conformance cases (issue 15, items 5 and 6).
// Prints one line per case; tests/err/err_cases_print.cpp prints the same
// lines from safelab, and the CTest test err.conformance.rust_output
// (tests/conformance/compare_with_rust.cmake) compares the two when rustc is present.
// Build: rustc --edition 2021 -O err_cases.rs
fn main() {
    println!("i32 checked_shl(1, 4) = {:?}", 1i32.checked_shl(4));
    println!("i32 checked_shl(1, 129) = {:?}", 1i32.checked_shl(129));
    println!("i32 checked_shl(16, 31) = {:?}", 16i32.checked_shl(31));
    println!("i32 checked_shl(1, 32) = {:?}", 1i32.checked_shl(32));
    println!("i32 checked_shl(1, 31) = {:?}", 1i32.checked_shl(31));
    println!("i8 checked_shl(1, 7) = {:?}", 1i8.checked_shl(7));
    println!("u8 checked_shl(255, 4) = {:?}", 255u8.checked_shl(4));
    println!("u8 checked_shl(1, 8) = {:?}", 1u8.checked_shl(8));
    println!("i32 checked_shr(16, 4) = {:?}", 16i32.checked_shr(4));
    println!("i32 checked_shr(16, 33) = {:?}", 16i32.checked_shr(33));
    println!("i32 checked_shr(-8, 1) = {:?}", (-8i32).checked_shr(1));
    println!("i32 checked_shr(MIN, 31) = {:?}", i32::MIN.checked_shr(31));
    println!("i32 checked_neg(5) = {:?}", 5i32.checked_neg());
    println!("i32 checked_neg(MIN) = {:?}", i32::MIN.checked_neg());
    println!("u32 checked_neg(0) = {:?}", 0u32.checked_neg());
    println!("u32 checked_neg(1) = {:?}", 1u32.checked_neg());
    println!("i32 checked_abs(-5) = {:?}", (-5i32).checked_abs());
    println!("i32 checked_abs(MIN) = {:?}", i32::MIN.checked_abs());
    println!("i32 checked_pow(8, 2) = {:?}", 8i32.checked_pow(2));
    println!("i32 checked_pow(MAX, 2) = {:?}", i32::MAX.checked_pow(2));
    println!("i32 checked_pow(-2, 31) = {:?}", (-2i32).checked_pow(31));
    println!("i32 checked_pow(2, 31) = {:?}", 2i32.checked_pow(31));
    println!("i32 checked_pow(0, 0) = {:?}", 0i32.checked_pow(0));
    println!("u8 checked_pow(2, 5) = {:?}", 2u8.checked_pow(5));
    println!("u8 checked_pow(255, 2) = {:?}", 255u8.checked_pow(2));
    println!("i8 checked_pow(-2, 7) = {:?}", (-2i8).checked_pow(7));
    println!("i8 checked_pow(-2, 8) = {:?}", (-2i8).checked_pow(8));
    println!("u64 checked_pow(3, 40) = {:?}", 3u64.checked_pow(40));
    println!("u64 checked_pow(3, 41) = {:?}", 3u64.checked_pow(41));
    println!("i32 checked_add(MAX, 1) = {:?}", i32::MAX.checked_add(1));
    println!("u8 checked_add(200, 55) = {:?}", 200u8.checked_add(55));
    println!("i64 checked_mul(MIN, -1) = {:?}", i64::MIN.checked_mul(-1));
    println!("i32 checked_div(MIN, -1) = {:?}", i32::MIN.checked_div(-1));
    println!("i32 checked_rem(7, 0) = {:?}", 7i32.checked_rem(0));
    let ok: Result<u32, &str> = Ok(2);
    let err: Result<u32, &str> = Err("Nothing here");
    println!("Ok(2).ok() = {:?}", ok.ok());
    println!("Err(\"Nothing here\").ok() = {:?}", err.ok());
    println!("Ok(2).err() = {:?}", ok.err());
    println!("Err(\"Nothing here\").err() = {:?}", err.err());
    let count = |x: &str| x.len() as u32;
    println!("Ok(2).unwrap_or_else(len) = {:?}", ok.unwrap_or_else(count));
    println!("Err(\"foo\").unwrap_or_else(len) = {:?}", Err::<u32, &str>("foo").unwrap_or_else(count));
    println!("Ok(\"foo\").map_or(42, len) = {:?}", Ok::<&str, &str>("foo").map_or(42, |v| v.len()));
    println!("Err(\"bar\").map_or(42, len) = {:?}", Err::<&str, &str>("bar").map_or(42, |v| v.len()));
    println!("Ok(\"foo\").map_or_else(42, len) = {:?}", Ok::<&str, &str>("foo").map_or_else(|_| 42, |v| v.len()));
    println!("Err(\"bar\").map_or_else(42, len) = {:?}", Err::<&str, &str>("bar").map_or_else(|_| 42, |v| v.len()));
    println!("Some(4).unwrap_or_else(20) = {:?}", Some(4).unwrap_or_else(|| 20));
    println!("None.unwrap_or_else(20) = {:?}", None::<i32>.unwrap_or_else(|| 20));
    println!("Some(\"foo\").map_or(42, len) = {:?}", Some("foo").map_or(42, |v| v.len()));
    println!("None.map_or(42, len) = {:?}", None::<&str>.map_or(42, |v| v.len()));
    println!("Some(\"foo\").map_or_else(42, len) = {:?}", Some("foo").map_or_else(|| 42, |v| v.len()));
    println!("None.map_or_else(42, len) = {:?}", None::<&str>.map_or_else(|| 42, |v| v.len()));
}
