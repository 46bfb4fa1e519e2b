// SPDX-License-Identifier: MIT
#include "find_command.h"

#include "mapped_file.h"

#include "pattern.h"
#include "searcher.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace hexmap {

namespace {

const char kUsage[] =
    "Usage: hexmap find [--hex | --text | --regex] [-i] [--utf16le | --utf16be] [--count] "
    "[-j N] PATTERN FILE\n";

int fail(std::FILE* err, const std::string& sentence) {
    std::fprintf(err, "hexmap find: %s\n", sentence.c_str());
    return 2;
}

} // namespace

int runFindCommand(int argc, char** argv, std::FILE* out, std::FILE* err) {
    PatternOptions options;
    bool count = false;
    unsigned threads = 0;
    const char* positional[2] = {nullptr, nullptr};
    int npositional = 0;
    bool optionsDone = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!optionsDone && arg.size() > 1 && arg[0] == '-') {
            if (arg == "--") {
                optionsDone = true;
            } else if (arg == "--hex") {
                options.kind = PatternKind::Hex;
            } else if (arg == "--text") {
                options.kind = PatternKind::Text;
            } else if (arg == "--regex") {
                options.kind = PatternKind::Regex;
            } else if (arg == "-i" || arg == "--ignore-case") {
                options.caseInsensitive = true;
            } else if (arg == "--utf16le") {
                options.encoding = TextEncoding::Utf16LE;
            } else if (arg == "--utf16be") {
                options.encoding = TextEncoding::Utf16BE;
            } else if (arg == "--count" || arg == "-c") {
                count = true;
            } else if (arg == "-j" || arg.rfind("-j", 0) == 0) {
                std::string value = arg.size() > 2 ? arg.substr(2) : "";
                if (value.empty()) {
                    if (i + 1 >= argc) return fail(err, "-j needs a number of threads.");
                    value = argv[++i];
                }
                char* end = nullptr;
                errno = 0;
                const unsigned long n = std::strtoul(value.c_str(), &end, 10);
                if (errno || end == value.c_str() || *end || n < 1 || n > 1024) {
                    return fail(err, "-j needs a number of threads from 1 to 1024, not '" + value +
                                         "'.");
                }
                threads = static_cast<unsigned>(n);
            } else {
                std::fputs(kUsage, err);
                return fail(err, "Unknown option '" + arg + "'.");
            }
            continue;
        }
        if (npositional == 2) {
            std::fputs(kUsage, err);
            return fail(err, "Too many arguments: give one PATTERN and one FILE.");
        }
        positional[npositional++] = argv[i];
    }
    if (npositional != 2) {
        std::fputs(kUsage, err);
        return fail(err, "Give a PATTERN and a FILE.");
    }
    if (options.encoding != TextEncoding::Utf8 && options.kind != PatternKind::Text) {
        return fail(err, "--utf16le and --utf16be apply to text patterns only.");
    }
    if (options.caseInsensitive && options.kind == PatternKind::Hex) {
        return fail(err, "-i applies to text and regex patterns, not to hex.");
    }

    auto pattern = Pattern::parse(positional[0], options);
    if (!pattern) return fail(err, pattern.error().message);

    const std::string path = positional[1];
    // The same open as the window's: it refuses folders, FIFOs (without blocking), devices
    // and /proc files with the same sentences, and maps the file so that the search can
    // scan the mapping when that is faster than pread (chooseFileSource).
    auto opened = MappedFile::open(path, OpenMode::ReadOnly);
    if (!opened) return fail(err, opened.error().message);
    const MappedFile& file = opened.value();
    ::posix_fadvise(file.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);
    const std::unique_ptr<ByteSource> chosen = chooseFileSource(file.data(), file.fd(), file.size());
    const ByteSource& source = *chosen;
    SearchOptions searchOptions;
    searchOptions.threads = threads;

    // Lines are formatted into a buffer and written in large blocks: 10 million matches
    // must not cost 10 million stdio calls.
    std::string buffer;
    bool writeFailed = false;
    auto flush = [&] {
        if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
            writeFailed = true;
        }
        buffer.clear();
    };
    auto onMatches = [&](const Match* m, std::size_t n) {
        if (count) return;
        for (std::size_t i = 0; i < n; ++i) {
            char line[48];
            const int len = std::snprintf(line, sizeof line, "%llu\t%llu\n",
                                          static_cast<unsigned long long>(m[i].offset),
                                          static_cast<unsigned long long>(m[i].length));
            buffer.append(line, static_cast<std::size_t>(len));
        }
        if (buffer.size() > (1u << 16)) flush();
    };
    auto result = findAll(source, pattern.value(), onMatches, {}, searchOptions);
    flush();
    if (!result) return fail(err, "Searching '" + path + "' failed: " + result.error().message);
    // A file that shrank while it was searched read as zeros past its new end (or short):
    // the count and the last offsets printed may describe bytes the file never had.
    if (file.damaged() || file.sizeOnDisk() < file.size())
        return fail(err, "'" + path + "' shrank to " + std::to_string(file.sizeOnDisk()) +
                             " bytes while it was searched; the results are incomplete.");
    if (count) std::fprintf(out, "%llu\n", static_cast<unsigned long long>(result.value().matches));
    if (std::fflush(out) != 0 || writeFailed) {
        return fail(err, std::string("Could not write the results: ") + std::strerror(errno) + ".");
    }
    return result.value().matches > 0 ? 0 : 1;
}

} // namespace hexmap
