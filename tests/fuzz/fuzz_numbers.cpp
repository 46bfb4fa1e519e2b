// SPDX-License-Identifier: MIT
// Fuzz target: the parsers of what users type — sizes, go-to offsets (absolute and relative
// to a cursor), hexdump's -s/-n syntax, and hex bytes. None may crash; what they accept must
// be consistent: a size reads back the same once printed, a go-to target lies inside the
// file, hex bytes survive a round trip through the formatter.
#include "byte_format.h"
#include "hex_bytes.h"
#include "number_parse.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace hexmap;

namespace {
[[noreturn]] void fail(const char* what, const std::string& input) {
    std::fprintf(stderr, "fuzz_numbers: %s for \"%s\"\n", what, input.c_str());
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 9) return 0;
    std::uint64_t fileSize = 0;
    for (int i = 0; i < 8; ++i) fileSize = fileSize << 8 | data[i];
    fileSize >>= data[8] % 64; // small and huge sizes alike
    const std::string text(reinterpret_cast<const char*>(data + 9), size - 9);

    if (auto v = parseSize(text)) {
        const std::string decimal = std::to_string(v.value());
        char hex[32];
        std::snprintf(hex, sizeof hex, "0x%" PRIx64, v.value());
        if (!parseSize(decimal) || parseSize(decimal).value() != v.value()) fail("decimal round trip", text);
        if (!parseSize(hex) || parseSize(hex).value() != v.value()) fail("hex round trip", text);
    } else if (v.error().message.empty()) {
        fail("a refusal without a sentence", text);
    }

    // The cursor usually lies in the file, sometimes past its end (a file that shrank).
    const std::uint64_t cursor = (data[0] & 1) ? fileSize + (data[0] >> 1)
                                               : (fileSize ? (data[0] * 7919ull) % fileSize : 0);
    if (auto g = parseGotoOffset(text, cursor, fileSize)) {
        if (g.value() >= fileSize) fail("a go-to target past the end", text);
    } else if (g.error().message.empty()) {
        fail("a go-to refusal without a sentence", text);
    }

    if (auto h = parseHexdumpSize(text); !h && h.error().message.empty())
        fail("a hexdump refusal without a sentence", text);

    if (auto bytes = parseHexBytes(text)) {
        const std::string again = formatHex(bytes.value().data(), bytes.value().size());
        auto back = parseHexBytes(again);
        if (!back || back.value() != bytes.value()) fail("hex bytes round trip", text);
    } else if (bytes.error().message.empty()) {
        fail("a hex refusal without a sentence", text);
    }
    return 0;
}
