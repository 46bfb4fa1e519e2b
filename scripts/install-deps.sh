#!/usr/bin/env bash
# Installs what hexmap needs to build, test and run on Debian 12, skipping what is there.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config git
    qt6-base-dev libgl-dev libpcre2-dev
    bsdextrautils   # hexdump: the reference for `hexmap dump` tests
    grep ripgrep    # references for search tests and benchmarks
    fonts-dejavu-core
)
if [[ "${HEXMAP_GUI_TOOLS:-0}" == 1 ]]; then
    packages+=(xvfb xauth xdotool imagemagick)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
echo "Installing: ${missing[*]}"
sudo=""
if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
