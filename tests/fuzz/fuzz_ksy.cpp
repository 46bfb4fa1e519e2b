// SPDX-License-Identifier: MIT
// Fuzz target: a .ksy description and bytes to read with it (the first two bytes say how
// long the description is). A description may be refused, but with a sentence; one that
// loads reads any bytes without crashing, hanging or passing the interpreter's limits, and
// its JSON is written in full.
#include "ksy_interpreter.h"
#include "ksy_json.h"
#include "ksy_spec.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace hexmap;
using namespace hexmap::ksy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t specLen = std::min<std::size_t>(size - 2, std::size_t(data[0]) << 8 | data[1]);
    const std::string spec(reinterpret_cast<const char*>(data + 2), specLen);
    SpecSet specs;
    auto loaded = specs.loadText(spec, "fuzz.ksy");
    if (!loaded) {
        if (loaded.error().message.empty()) {
            std::fprintf(stderr, "fuzz_ksy: a refusal without a sentence\n");
            std::abort();
        }
        return 0;
    }
    MemorySource src(data + 2 + specLen, size - 2 - specLen);
    Limits limits;
    limits.maxValues = 200000;
    limits.maxBytes = 16 << 20;
    limits.maxTerminatorScan = 1 << 20;
    Interpreter in(specs, src, limits);
    static std::FILE* sink = std::fopen("/dev/null", "w");
    JsonOptions options;
    options.indent = 0;
    writeJson(in, *in.root(), sink, options);
    return 0;
}
