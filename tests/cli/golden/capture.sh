#!/usr/bin/env bash
# Captures the --format json outputs the golden key-order test compares with.
set -u
B=${1:?build dir}; OUT=${2:?out dir}
S=$B/bin/safelab
work=$(mktemp -d)
$S list --format json > $OUT/list.json
$S tour --quick --topic count_events --threads 2 --format json > $OUT/tour.json 2>/dev/null
$S run count_events/rust --size 1000 --format json > $OUT/run.json
$S verdict count_events/rust --sanitizer asan --example $B/bin/safelab-example --format json > $OUT/verdict.json 2>/dev/null
$S labs list --work $work --format json > $OUT/labs_list.json
$S labs check 01 --work $work --build default --safelab-build /nonexistent --format json > $OUT/labs_check.json 2>/dev/null
printf 'int main() { return 0; }\n' > $work/ok.cpp
$S check $work/ok.cpp --tools ubsan --format json > $OUT/check.json 2>/dev/null
$S gil --threads 2 --work 100000 --rounds 1 --io-thread --round-trips 20 --switch-interval 0.5 --format json > $OUT/gil.json
rm -rf $work
