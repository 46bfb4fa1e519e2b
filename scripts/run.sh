#!/usr/bin/env bash
# The run command: installs what is missing, builds an optimised hexmap and starts it.
# Arguments go to hexmap: scripts/run.sh [--read-only|--read-write|--private] [FILE]
# Without FILE it opens a demo log it generates.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release > /dev/null
# Only the application (not the tests and benchmarks): the window appears sooner.
cmake --build --preset release --target hexmap
exec build/release/app/hexmap "$@"
