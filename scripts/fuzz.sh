#!/usr/bin/env bash
# Builds the libFuzzer targets (clang 14, ASan + UBSan) and runs each for SECONDS (default
# 30) on top of its seed corpus in tests/fuzz/corpus. New inputs go to a scratch corpus;
# a crash stops with the input saved as crash-* in the current folder: add it to the seed
# corpus and turn it into a test.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
bash scripts/install-deps.sh test
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz
work="${FUZZ_WORK:-$(mktemp -d)}"
for target in fuzz_search fuzz_numbers fuzz_journal fuzz_pieces fuzz_piece_edits fuzz_compare fuzz_ksy; do
    mkdir -p "$work/$target"
    dict=()
    if [[ -f "tests/fuzz/$target.dict" ]]; then dict=(-dict="tests/fuzz/$target.dict"); fi
    # a description read with any bytes must finish quickly and in bounded memory
    if [[ $target == fuzz_ksy ]]; then dict+=(-timeout=10 -rss_limit_mb=1024); fi
    echo "=== $target: ${seconds}s"
    build/fuzz/tests/fuzz/$target "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$PWD/" "$work/$target" "tests/fuzz/corpus/$target" 2>&1 |
        grep -E "^stat::(number_of_executed_units|new_units_added)|ERROR|SUMMARY|fuzz_" || true
    # libFuzzer's exit status is lost in the pipe above: look for what it leaves on a crash.
    if compgen -G "crash-*" > /dev/null || compgen -G "leak-*" > /dev/null || compgen -G "timeout-*" > /dev/null; then
        echo "fuzz: $target found a failing input (see crash-*/leak-*/timeout-* here)" >&2
        exit 1
    fi
done
