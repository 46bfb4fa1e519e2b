// SPDX-License-Identifier: MIT
// hexmap-cli: the headless commands (`hexmap dump|find|hash|cmp|parse ...`), on the core
// alone, without Qt. `hexmap` (main.cpp) executes it with the command as its first argument.
#include "cmp_command.h"
#include "dump_command.h"
#include "find_command.h"
#include "hash_command.h"
#include "parse_command.h"

#include <cstdio>
#include <cstring>

using namespace hexmap;

int main(int argc, char** argv) {
    using Command = int (*)(int, char**, std::FILE*, std::FILE*);
    struct Named {
        const char* name;
        Command run;
    };
    static constexpr Named commands[] = {{"dump", runDumpCommand}, {"find", runFindCommand},
                                         {"hash", runHashCommand}, {"cmp", runCmpCommand},
                                         {"parse", runParseCommand}};
    if (argc > 1)
        for (const Named& c : commands)
            if (std::strcmp(argv[1], c.name) == 0) return c.run(argc - 1, argv + 1, stdout, stderr);
    std::fprintf(stderr, "hexmap: commands are dump, find, hash, cmp and parse (hexmap --help lists them)\n");
    return 2;
}
