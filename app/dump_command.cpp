// SPDX-License-Identifier: MIT
#include "dump_command.h"

#include "byte_format.h"
#include "mapped_file.h"
#include "number_parse.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace hexmap {

namespace {
constexpr const char* kUsage =
    "usage: hexmap dump [-s OFFSET] [-n LENGTH] FILE\n"
    "Prints what `hexdump -C -v -s OFFSET -n LENGTH FILE` prints. OFFSET and LENGTH are read\n"
    "as hexdump reads them: 0x10 is hex, 010 is octal (8), 10 is decimal; K, M, G... (or\n"
    "KiB, MiB...) are powers of 1024, KB, MB... powers of 1000. A fraction with a unit\n"
    "(1.5K) is computed exactly, where hexdump's own arithmetic can be off by a few bytes.\n"
    "If the file shrinks while it is read, dump stops with an error (exit status 1).\n";

bool takeNumber(int& i, int argc, char** argv, std::uint64_t* value, std::FILE* err) {
    const char* opt = argv[i];
    const char* text = nullptr;
    if (opt[2] != '\0') text = opt + 2; // -s100
    else if (i + 1 < argc) text = argv[++i];
    if (!text) {
        std::fprintf(err, "hexmap dump: %s needs a number\n%s", opt, kUsage);
        return false;
    }
    auto n = parseHexdumpSize(text);
    if (!n) {
        std::fprintf(err, "hexmap dump: %s\n", n.error().message.c_str());
        return false;
    }
    *value = n.value();
    return true;
}
} // namespace

int runDumpCommand(int argc, char** argv, std::FILE* out, std::FILE* err) {
    std::uint64_t offset = 0;
    std::uint64_t length = ~std::uint64_t(0);
    const char* path = nullptr;
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        if (std::strncmp(a, "-s", 2) == 0) {
            if (!takeNumber(i, argc, argv, &offset, err)) return 1;
        } else if (std::strncmp(a, "-n", 2) == 0) {
            if (!takeNumber(i, argc, argv, &length, err)) return 1;
        } else if (std::strcmp(a, "-h") == 0 || std::strcmp(a, "--help") == 0) {
            std::fputs(kUsage, out);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            std::fprintf(err, "hexmap dump: unknown option %s\n%s", a, kUsage);
            return 1;
        } else if (!path) {
            path = a;
        } else {
            std::fprintf(err, "hexmap dump: only one FILE, please\n%s", kUsage);
            return 1;
        }
    }
    if (!path) {
        std::fputs(kUsage, err);
        return 1;
    }
    auto opened = MappedFile::open(path, OpenMode::ReadOnly);
    if (!opened) {
        std::fprintf(err, "hexmap dump: %s\n", opened.error().message.c_str());
        return 1;
    }
    const MappedFile& file = opened.value();
    const std::uint64_t size = file.size();
    // hexdump's rules: nothing at all for an empty file or -n 0; an offset past the end
    // prints only the closing offset, which is the file's size.
    if (size == 0 || length == 0) return 0;
    const std::uint64_t start = std::min(offset, size);
    const std::uint64_t end = start + std::min(length, size - start);

    std::string buf;
    constexpr std::uint64_t kBlock = 16 * 4096; // bytes per write: bounded memory for any range
    buf.reserve(kBlock / 16 * 80);
    for (std::uint64_t blockStart = start; blockStart < end; blockStart += kBlock) {
        const std::uint64_t blockEnd = std::min(end, blockStart + kBlock);
        buf.clear();
        for (std::uint64_t row = blockStart; row < blockEnd; row += 16)
            appendHexdumpRow(buf, row, file.data() + row,
                             static_cast<std::size_t>(std::min<std::uint64_t>(16, blockEnd - row)));
        // The file may have shrunk under us: the fault guard then reads zeros that were
        // never in the file. Never print them: stop, and say where and why.
        if (file.damaged() || file.sizeOnDisk() < blockEnd) {
            std::fflush(out);
            std::fprintf(err,
                         "hexmap dump: \"%s\" shrank to %llu bytes while it was being read; the "
                         "output stops before offset %llu.\n",
                         path, static_cast<unsigned long long>(file.sizeOnDisk()),
                         static_cast<unsigned long long>(blockStart));
            return 1;
        }
        if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) {
            std::fprintf(err, "hexmap dump: cannot write the output: %s\n", std::strerror(errno));
            return 1;
        }
    }
    buf.clear();
    appendHexdumpEnd(buf, end);
    std::fwrite(buf.data(), 1, buf.size(), out);
    if (std::fflush(out) != 0) {
        std::fprintf(err, "hexmap dump: cannot write the output: %s\n", std::strerror(errno));
        return 1;
    }
    return 0;
}

} // namespace hexmap
