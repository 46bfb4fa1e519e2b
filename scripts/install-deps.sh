#!/usr/bin/env bash
# Installs what hexmap needs on Debian 12, skipping what is there. Needs root (or sudo)
# only when something is missing.
#   install-deps.sh          what building and running hexmap needs
#   install-deps.sh test     that, plus the test tools (clang 14 for the fuzzers, the
#                            references the tests compare with)
#   HEXMAP_GUI_TOOLS=1       also Xvfb, xdotool and imagemagick (driving the real window)
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config git
    qt6-base-dev libgl-dev libpcre2-dev libssl-dev zlib1g-dev libyaml-cpp-dev
    fonts-dejavu-core
)
if [[ "${1:-}" == test ]]; then
    packages+=(
        bsdextrautils                   # hexdump: the reference for `hexmap dump` tests
        grep ripgrep                    # references for search tests and benchmarks
        clang-14 libclang-rt-14-dev     # libFuzzer targets
        dpkg-dev file                   # cpack's .deb: dpkg-shlibdeps finds the Depends
        desktop-file-utils appstream    # validators for the desktop entry and metainfo
        man-db                          # man: the man page renders
        python3 binutils fdisk gzip     # references for `hexmap parse`: zipfile/wave/struct, readelf, sfdisk, gzip -l
    )
fi
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
