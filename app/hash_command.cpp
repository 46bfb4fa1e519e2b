// SPDX-License-Identifier: MIT
#include "hash_command.h"

#include "byte_source.h"
#include "hasher.h"
#include "mapped_file.h"
#include "number_parse.h"
#include "option_value.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace hexmap {

namespace {
constexpr const char* kUsage =
    "usage: hexmap hash [-a ALG]... [-s OFFSET] [-n LENGTH] FILE\n"
    "Prints \"HASH  FILE\" (as sha256sum does) for each algorithm asked, in that order:\n"
    "crc32, adler32, md5, sha1, sha256 (the default), sha512, sha3-256; -a all for every one.\n"
    "OFFSET and LENGTH are read as `hexmap dump` reads them (0x10, 1M, 4G...).\n";

bool takeValue(int& i, int argc, char** argv, const char** value, std::FILE* err) {
    return takeOptionValue(i, argc, argv, value, err, "hash", kUsage);
}
} // namespace

int runHashCommand(int argc, char** argv, std::FILE* out, std::FILE* err) {
    std::uint64_t offset = 0;
    std::uint64_t length = ~std::uint64_t(0);
    std::vector<HashAlgorithm> algorithms;
    const char* path = nullptr;
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        const char* value = nullptr;
        if (std::strncmp(a, "-a", 2) == 0) {
            if (!takeValue(i, argc, argv, &value, err)) return 1;
            if (std::string(value) == "all") {
                algorithms.insert(algorithms.end(), allHashAlgorithms().begin(), allHashAlgorithms().end());
                continue;
            }
            auto alg = parseHashAlgorithm(value);
            if (!alg) {
                std::fprintf(err, "hexmap hash: %s\n", alg.error().message.c_str());
                return 1;
            }
            algorithms.push_back(alg.value());
        } else if (std::strncmp(a, "-s", 2) == 0 || std::strncmp(a, "-n", 2) == 0) {
            const bool isOffset = a[1] == 's';
            if (!takeValue(i, argc, argv, &value, err)) return 1;
            auto n = parseHexdumpSize(value);
            if (!n) {
                std::fprintf(err, "hexmap hash: %s\n", n.error().message.c_str());
                return 1;
            }
            (isOffset ? offset : length) = n.value();
        } else if (std::strcmp(a, "-h") == 0 || std::strcmp(a, "--help") == 0) {
            std::fputs(kUsage, out);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            std::fprintf(err, "hexmap hash: unknown option %s\n%s", a, kUsage);
            return 1;
        } else if (!path) {
            path = a;
        } else {
            std::fprintf(err, "hexmap hash: only one FILE, please\n%s", kUsage);
            return 1;
        }
    }
    if (!path) {
        std::fputs(kUsage, err);
        return 1;
    }
    if (algorithms.empty()) algorithms.push_back(HashAlgorithm::Sha256);
    auto opened = MappedFile::open(path, OpenMode::ReadOnly);
    if (!opened) {
        std::fprintf(err, "hexmap hash: %s\n", opened.error().message.c_str());
        return 1;
    }
    const MappedFile& file = opened.value();
    if (offset > file.size()) {
        std::fprintf(err, "hexmap hash: the offset %llu is past the end of \"%s\" (%llu bytes).\n",
                     static_cast<unsigned long long>(offset), path,
                     static_cast<unsigned long long>(file.size()));
        return 1;
    }
    // pread, not the mapping: a file that shrinks meanwhile is a read error, never zeros.
    const FdSource source(file.fd(), file.size());
    auto hashes = hashRange(source, offset, length, algorithms);
    if (!hashes) {
        std::fprintf(err, "hexmap hash: \"%s\": %s\n", path, hashes.error().message.c_str());
        return 1;
    }
    // As sha256sum: a name holding a newline or a backslash is written escaped (\n, \\)
    // and its line starts with a backslash, so every line stays one line.
    std::string name = path;
    const bool escape = name.find_first_of("\n\\") != std::string::npos;
    if (escape) {
        std::string e;
        for (const char c : name) {
            if (c == '\n') e += "\\n";
            else if (c == '\\') e += "\\\\";
            else e += c;
        }
        name = std::move(e);
    }
    for (const HashResult& h : hashes.value())
        std::fprintf(out, "%s%s  %s\n", escape ? "\\" : "", h.hex.c_str(), name.c_str());
    if (std::fflush(out) != 0) {
        std::fprintf(err, "hexmap hash: cannot write the output: %s\n", std::strerror(errno));
        return 1;
    }
    return 0;
}

} // namespace hexmap
