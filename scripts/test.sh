#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test:
#   1. dev (-Wall -Wextra -Werror): every suite, the crash and fault-injection tests and a
#      fixed-seed soak;
#   2. the install: the installed tree, the desktop entry and metainfo validators, the man
#      page and the .deb (scripts/check-install.sh, on the dev build);
#   3. AddressSanitizer + UBSan: every suite;
#   4. ThreadSanitizer: the core and search suites, and a canary race that must be reported;
#   5. the libFuzzer targets (clang 14), FUZZ_SECONDS each (default 20) on their corpora;
#   6. a short soak with a fresh seed in the ASan build (the seed is printed).
# Every stage runs even when an earlier one failed, so one run shows everything that is
# wrong; the end prints one line per stage (result, tests, seconds) and the closing
# "N passed, N failed" over all stages. The exit status is non-zero when anything failed.
# HEXMAP_SKIP_ASAN=1, HEXMAP_SKIP_TSAN=1, HEXMAP_SKIP_FUZZ=1 skip those stages.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh test || { echo "install-deps.sh failed"; exit 2; }
export QT_QPA_PLATFORM=offscreen
start=$SECONDS
logs=$(mktemp -d)
summary=()
total_passed=0
total_failed=0

# stage NAME KIND COMMAND...: runs COMMAND, output to the terminal and to a log. KIND ctest
# counts the suites from CTest's summary line; any other kind counts the stage as one test.
stage() {
    local name=$1 kind=$2
    shift 2
    local t0=$SECONDS log="$logs/$name.log"
    echo "=== $name"
    "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local passed=0 failed=0
    if [[ "$kind" == ctest ]]; then
        # "100% tests passed, 0 tests failed out of 30"
        local line
        line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -1)
        if [[ -n "$line" ]]; then
            failed=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<< "$line")
            local all
            all=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<< "$line")
            passed=$((all - failed))
        fi
        # No summary (the build failed) or a non-zero exit with none failed: one failure.
        if [[ -z "$line" || ($rc != 0 && $failed == 0) ]]; then failed=$((failed + 1)); fi
    elif [[ $rc == 0 ]]; then
        passed=1
    else
        failed=1
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    local result=ok
    if [[ $rc != 0 || $failed != 0 ]]; then result=FAILED; fi
    summary+=("$(printf '%-26s %-7s %4d passed %3d failed %6d s' "$name" "$result" "$passed" "$failed" $((SECONDS - t0)))")
}

build_and_test() {
    local preset=$1
    cmake --preset "$preset" > /dev/null && cmake --build --preset "$preset" &&
        ctest --preset "$preset"
}

stage "dev" ctest build_and_test dev
stage "dev: install and package" one bash scripts/check-install.sh build/dev
if [[ "${HEXMAP_SKIP_ASAN:-0}" != 1 ]]; then stage "asan+ubsan" ctest build_and_test asan; fi
if [[ "${HEXMAP_SKIP_TSAN:-0}" != 1 ]]; then stage "tsan" ctest build_and_test tsan; fi
if [[ "${HEXMAP_SKIP_FUZZ:-0}" != 1 ]]; then
    stage "fuzz" one bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
if [[ "${HEXMAP_SKIP_ASAN:-0}" != 1 ]]; then
    stage "soak (fresh seed, asan)" one env ASAN_OPTIONS="detect_leaks=0:handle_sigbus=0" \
        build/asan/tests/soak/hexmap_soak --ops "${SOAK_OPS:-3000}" --quiet
fi

echo
echo "=== stages"
for line in "${summary[@]}"; do echo "$line"; done
echo "=== all stages in $((SECONDS - start)) s"
echo "$total_passed passed, $total_failed failed"
rm -rf "$logs"
[[ $total_failed == 0 ]]
