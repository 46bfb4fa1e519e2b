#!/usr/bin/env bash
# The long soak: a million random operations per mode (read-only, shared, private) through
# the real controllers while another thread appends to and truncates the file, in the ASan
# build. The seed is printed; replay a failure with the same --seed.
#   scripts/soak.sh [OPS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
ops="${1:-1000000}"
bash scripts/install-deps.sh test
cmake --preset asan > /dev/null
cmake --build --preset asan --target hexmap_soak
export QT_QPA_PLATFORM=offscreen ASAN_OPTIONS="detect_leaks=0:handle_sigbus=0"
args=(--ops "$ops")
if [[ $# -ge 2 ]]; then args+=(--seed "$2"); fi
build/asan/tests/soak/hexmap_soak "${args[@]}"
