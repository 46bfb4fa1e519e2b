#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test -- first in the
# dev configuration (-Wall -Wextra -Werror), then under AddressSanitizer + UBSan, then the
# core and search suites under ThreadSanitizer.
# HEXMAP_SKIP_ASAN=1 / HEXMAP_SKIP_TSAN=1 skip those passes (for a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen

presets=(dev)
if [[ "${HEXMAP_SKIP_ASAN:-0}" != 1 ]]; then presets+=(asan); fi
if [[ "${HEXMAP_SKIP_TSAN:-0}" != 1 ]]; then presets+=(tsan); fi
for preset in "${presets[@]}"; do
    echo "=== $preset: configure and build"
    cmake --preset "$preset" > /dev/null
    cmake --build --preset "$preset"
    echo "=== $preset: test"
    ctest --preset "$preset"
done
