// SPDX-License-Identifier: MIT
// Runs one of hexmap's headless commands in-process, as `hexmap NAME ARGS...` would, with
// its standard output and error captured in memory.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace testutil {

struct CommandRun {
    int status = -1;
    std::string out, err;
};

// `command` has the signature of runFindCommand / runHashCommand / runDumpCommand.
template <class Command> CommandRun runCommand(Command command, const char* name, std::vector<std::string> args) {
    args.insert(args.begin(), name);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    char *outBuf = nullptr, *errBuf = nullptr;
    std::size_t outLen = 0, errLen = 0;
    std::FILE* out = open_memstream(&outBuf, &outLen);
    std::FILE* err = open_memstream(&errBuf, &errLen);
    CommandRun r;
    r.status = command(static_cast<int>(args.size()), argv.data(), out, err);
    std::fclose(out);
    std::fclose(err);
    r.out.assign(outBuf, outLen);
    r.err.assign(errBuf, errLen);
    std::free(outBuf);
    std::free(errBuf);
    return r;
}

} // namespace testutil
