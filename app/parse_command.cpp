// SPDX-License-Identifier: MIT
#include "parse_command.h"

#include "block_cache_source.h"
#include "ksy_interpreter.h"
#include "ksy_json.h"
#include "ksy_paths.h"
#include "ksy_spec.h"
#include "mapped_file.h"

#include <cstring>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace hexmap {

namespace {
constexpr const char* kUsage =
    "usage: hexmap parse --ksy SPEC [--ksy-path DIR]... [--compact] FILE\n"
    "Reads FILE with a Kaitai Struct description and prints its fields as JSON.\n"
    "SPEC is a .ksy file or the name of one in the search path (--ksy elf).\n"
    "Exit status: 0 read, 1 the file does not match the description, 2 a bad description or I/O error.\n";

// "--name VALUE" or "--name=VALUE"
bool longValue(int& i, int argc, char** argv, const char* name, const char** value, std::FILE* err) {
    const std::size_t n = std::strlen(name);
    if (std::strncmp(argv[i], name, n) != 0) return false;
    if (argv[i][n] == '=') {
        *value = argv[i] + n + 1;
        return true;
    }
    if (argv[i][n] != '\0') return false;
    if (i + 1 >= argc) {
        std::fprintf(err, "hexmap parse: %s needs a value\n%s", name, kUsage);
        *value = nullptr;
        return true;
    }
    *value = argv[++i];
    return true;
}

bool isFile(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
} // namespace

int runParseCommand(int argc, char** argv, std::FILE* out, std::FILE* err) {
    const char* spec = nullptr;
    const char* path = nullptr;
    std::vector<std::string> extra;
    bool compact = false;
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        const char* value = nullptr;
        if (longValue(i, argc, argv, "--ksy", &value, err)) {
            if (!value) return 2;
            spec = value;
        } else if (longValue(i, argc, argv, "--ksy-path", &value, err)) {
            if (!value) return 2;
            extra.emplace_back(value);
        } else if (std::strcmp(a, "--compact") == 0) {
            compact = true;
        } else if (std::strcmp(a, "-h") == 0 || std::strcmp(a, "--help") == 0) {
            std::fputs(kUsage, out);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            std::fprintf(err, "hexmap parse: unknown option %s\n%s", a, kUsage);
            return 2;
        } else if (!path) {
            path = a;
        } else {
            std::fprintf(err, "hexmap parse: only one FILE, please\n%s", kUsage);
            return 2;
        }
    }
    if (!spec || !path) {
        std::fprintf(err, "hexmap parse: %s\n%s", !spec ? "--ksy SPEC is needed" : "FILE is needed", kUsage);
        return 2;
    }
    const std::vector<std::string> searchPath = ksy::searchPath(extra);
    std::string specPath = spec;
    if (!isFile(specPath) && specPath.find('/') == std::string::npos) {
        for (const auto& dir : searchPath) {
            const std::string c = dir + "/" + specPath + (specPath.size() > 4 && specPath.substr(specPath.size() - 4) == ".ksy" ? "" : ".ksy");
            if (isFile(c)) {
                specPath = c;
                break;
            }
        }
    }
    ksy::SpecSet specs;
    auto loaded = specs.load(specPath, searchPath);
    if (!loaded) {
        std::fprintf(err, "hexmap parse: %s\n", loaded.error().message.c_str());
        return 2;
    }
    auto opened = MappedFile::open(path, OpenMode::ReadOnly);
    if (!opened) {
        std::fprintf(err, "hexmap parse: %s\n", opened.error().message.c_str());
        return 2;
    }
    // pread through a small cache, not the mapping: a file cut meanwhile reads short (an
    // error node), never as zeros or a SIGBUS
    const FdSource fd(opened.value().fd(), opened.value().size());
    const BlockCacheSource source(fd);
    ksy::Interpreter in(specs, source);
    ksy::JsonOptions options;
    if (compact) options.indent = 0;
    if (!ksy::writeJson(in, *in.root(), out, options)) {
        std::fprintf(err, "hexmap parse: cannot write the output: %s\n", std::strerror(errno));
        return 2;
    }
    if (in.mismatch() || in.hadError()) {
        std::fprintf(err, "hexmap parse: \"%s\" does not match %s: look for \"_error\" in the output.\n", path,
                     specPath.c_str());
        return 1;
    }
    return 0;
}

} // namespace hexmap
