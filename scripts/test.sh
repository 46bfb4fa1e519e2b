#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test:
#   1. dev (-Wall -Wextra -Werror): every suite, the crash and fault-injection tests and a
#      fixed-seed soak;
#   2. AddressSanitizer + UBSan: the same;
#   3. ThreadSanitizer: the core and search suites;
#   4. the libFuzzer targets (clang 14), FUZZ_SECONDS each (default 20) on their corpora;
#   5. a short soak with a fresh seed in the ASan build (the seed is printed);
#   6. the install: the installed tree, the desktop entry and metainfo validators, the man
#      page and the .deb (scripts/check-install.sh, on the dev build).
# HEXMAP_SKIP_ASAN=1, HEXMAP_SKIP_TSAN=1, HEXMAP_SKIP_FUZZ=1 skip those passes.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh test
export QT_QPA_PLATFORM=offscreen
start=$SECONDS

presets=(dev)
if [[ "${HEXMAP_SKIP_ASAN:-0}" != 1 ]]; then presets+=(asan); fi
if [[ "${HEXMAP_SKIP_TSAN:-0}" != 1 ]]; then presets+=(tsan); fi
for preset in "${presets[@]}"; do
    echo "=== $preset: configure and build"
    cmake --preset "$preset" > /dev/null
    cmake --build --preset "$preset"
    echo "=== $preset: test"
    ctest --preset "$preset"
    if [[ "$preset" == dev ]]; then
        echo "=== dev: install and package"
        bash scripts/check-install.sh build/dev
    fi
done

if [[ "${HEXMAP_SKIP_FUZZ:-0}" != 1 ]]; then
    echo "=== fuzz"
    bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi

if [[ "${HEXMAP_SKIP_ASAN:-0}" != 1 ]]; then
    echo "=== soak (fresh seed, ASan)"
    ASAN_OPTIONS="detect_leaks=0:handle_sigbus=0" build/asan/tests/soak/hexmap_soak --ops "${SOAK_OPS:-3000}" --quiet
fi
echo "=== all passed in $((SECONDS - start)) s"
