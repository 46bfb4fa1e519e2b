#!/usr/bin/env bash
# Builds the release configuration and runs the benchmarks. Numbers are ratios against a
# baseline measured in the same run; see README.md for what was measured here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh test
cmake --preset release > /dev/null
cmake --build --preset release
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
build/release/tests/bench/bench_startup build/release/app/hexmap "${RUNS:-7}"
build/release/tests/bench/bench_paint
build/release/tests/bench/bench_startup build/release/app/hexmap "${RUNS:-7}" --lines
build/release/tests/bench/bench_lines "${BENCH_DIR:+$BENCH_DIR/bench.log}"
build/release/tests/bench/bench_find_lines
build/release/tests/bench/bench_find_process build/release/app/hexmap
build/release/tests/bench/bench_merge
build/release/tests/bench/bench_tools build/release/app/hexmap
build/release/tests/bench/bench_edit
build/release/tests/bench/bench_pieces
build/release/tests/bench/bench_compare build/release/app/hexmap
build/release/tests/bench/bench_structure build/release/app/hexmap resources/ksy
# Go To a time: writes a 16 GiB log into BENCH_DIR once (BENCH_TIME_GIB for another size).
build/release/tests/bench/bench_log_time "${BENCH_DIR:-/tmp}" "${BENCH_TIME_GIB:-16}"
data="${BENCH_DIR:-$(mktemp -d)}"
build/release/tests/bench/bench_search "$data" --rewrite
build/release/tests/bench/bench_search "$data" --refill
