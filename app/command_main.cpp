// SPDX-License-Identifier: MIT
// main() of one headless command, built once per command (hexmap-dump, hexmap-find,
// hexmap-hash, hexmap-cmp, hexmap-parse): `hexmap CMD ARGS` (main.cpp) executes hexmap-CMD
// with the same arguments. One program per command so that each loads only the libraries it
// calls — hexmap cmp neither OpenSSL nor yaml-cpp nor PCRE2 (4.5 ms of a 90 ms comparison).
#include HEXMAP_COMMAND_HEADER

#include <cstdio>

int main(int argc, char** argv) {
    // argv[1] is the command's name, as typed after `hexmap`
    if (argc < 2) {
        std::fputs("hexmap: this program is run by hexmap (hexmap --help lists the commands)\n", stderr);
        return 2;
    }
    return hexmap::HEXMAP_COMMAND_FUNCTION(argc - 1, argv + 1, stdout, stderr);
}
