#!/usr/bin/env bash
# Checks what `cmake --install` and `cpack` produce from a build folder (default build/dev):
# every file the desktop needs is installed, the desktop entry and the AppStream metainfo
# validate, the man page renders, and the .deb holds the same files and depends on the Qt 6
# and PCRE2 libraries, and the .ksy formats are there (the installed hexmap reads them by name). Exits non-zero with the reason on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/usr" > /dev/null
want=(
    usr/bin/hexmap
    usr/libexec/hexmap/hexmap-gui
    usr/libexec/hexmap/hexmap-dump
    usr/libexec/hexmap/hexmap-find
    usr/libexec/hexmap/hexmap-hash
    usr/libexec/hexmap/hexmap-cmp
    usr/libexec/hexmap/hexmap-parse
    usr/share/applications/io.github.hexmap.HexMap.desktop
    usr/share/metainfo/io.github.hexmap.HexMap.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/io.github.hexmap.HexMap.svg
    usr/share/man/man1/hexmap.1
    usr/share/doc/hexmap/LICENSE
)
for k in elf png zip gzip gif bmp wav mbr gpt; do want+=("usr/share/hexmap/ksy/$k.ksy"); done
for s in 16 24 32 48 64 128 256; do want+=("usr/share/icons/hicolor/${s}x${s}/apps/io.github.hexmap.HexMap.png"); done
for f in "${want[@]}"; do [[ -s "$work/$f" ]] || fail "cmake --install did not install $f"; done
file "$work/usr/share/icons/hicolor/48x48/apps/io.github.hexmap.HexMap.png" | grep -q "48 x 48" ||
    fail "the 48 px icon is not 48 x 48"
"$work/usr/bin/hexmap" --version | grep -q "hexmap 0.1.0" || fail "the installed hexmap --version is wrong"

desktop-file-validate "$work/usr/share/applications/io.github.hexmap.HexMap.desktop" || fail "desktop entry"
appstreamcli validate --no-net --pedantic "$work/usr/share/metainfo/io.github.hexmap.HexMap.metainfo.xml" ||
    fail "metainfo"
MANWIDTH=80 man -l "$work/usr/share/man/man1/hexmap.1" 2> "$work/man.err" | grep -q "hexmap dump" || fail "man page"
[[ ! -s "$work/man.err" ]] || { cat "$work/man.err"; fail "man page warnings"; }

(cd "$build" && cpack -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/hexmap_*_amd64.deb) || fail "no hexmap_VERSION_amd64.deb"
contents=$(dpkg-deb -c "$deb")
for f in "${want[@]}"; do grep -q "\./$f\$" <<< "$contents" || fail "the .deb lacks $f"; done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6gui6 libqt6core6 libpcre2-8-0 libssl3 zlib1g libyaml-cpp0.7; do
    grep -q "$lib" <<< "$depends" || fail "the .deb's Depends lacks $lib: $depends"
done
# the installed program finds a shipped format by name, from the installed folder
printf '\x89PNG\r\n\x1a\n' > "$work/tiny.png"
"$work/usr/bin/hexmap" parse --ksy "$work/usr/share/hexmap/ksy/png.ksy" "$work/tiny.png" > /dev/null 2>&1 || [[ $? == 1 ]] ||
    fail "the installed hexmap cannot read the installed png.ksy"
echo "check-install: installed tree, validators, man page and $(basename "$deb") are right"
echo "  Depends: $depends"
