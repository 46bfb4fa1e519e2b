// SPDX-License-Identifier: MIT
// hexmap, the program users type: it executes hexmap-CMD for a headless command (dump,
// find, hash, cmp, parse) and hexmap-gui for anything else, with the same arguments.
//
// Why several programs: loading Qt Widgets and what it pulls in (fontconfig, X11, D-Bus,
// ICU...) costs 30-40 ms before main() runs, and a command that compares two hot 1 GiB files
// takes 90 ms; OpenSSL, yaml-cpp and PCRE2 cost 4.5 ms more, which neither the window nor
// hexmap cmp calls. This front uses the C library alone (about 1 ms), so no path loads what it
// never calls.
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace {

bool isCommand(const char* a) {
    static const char* const commands[] = {"dump", "find", "hash", "cmp", "parse"};
    for (const char* c : commands)
        if (std::strcmp(a, c) == 0) return true;
    return false;
}

// `name` beside this program (the build tree), else where `cmake --install` puts it
// relative to the bin folder (HEXMAP_LIBEXEC_FROM_BIN, e.g. ../libexec/hexmap).
bool programPath(const char* name, char* out, std::size_t size) {
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return false;
    self[n] = '\0';
    if (char* slash = std::strrchr(self, '/')) slash[1] = '\0';
    if (std::snprintf(out, size, "%s%s", self, name) < int(size) && ::access(out, X_OK) == 0) return true;
    return std::snprintf(out, size, "%s%s/%s", self, HEXMAP_LIBEXEC_FROM_BIN, name) < int(size);
}

} // namespace

int main(int argc, char** argv) {
    char name[32] = "hexmap-gui";
    if (argc > 1 && isCommand(argv[1])) std::snprintf(name, sizeof name, "hexmap-%s", argv[1]);
    char path[PATH_MAX];
    if (!programPath(name, path, sizeof path)) {
        std::fprintf(stderr, "hexmap: cannot find where %s is installed\n", name);
        return 2;
    }
    ::execv(path, argv); // argv[0] stays as typed: --help's usage line names `hexmap`
    std::fprintf(stderr, "hexmap: cannot start %s: %s\n", path, std::strerror(errno));
    return 2;
}
