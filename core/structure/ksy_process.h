// SPDX-License-Identifier: MIT
// The `process` transforms of .ksy: xor with a byte or a repeating key, rotation of each
// byte left or right, and zlib inflation (with zlib, capped at `maxOut` bytes so that a
// small compressed bomb cannot take the machine's memory).
#pragma once

#include "ksy_spec.h"
#include "ksy_value.h"

#include <cstdint>
#include <string>

namespace hexmap::ksy {

// `in` transformed by `p` with argument `arg` into `out`; false with a sentence in `err`.
bool applyProcess(Process p, const Value& arg, const std::string& in, std::string& out, std::uint64_t maxOut,
                  std::string& err);

} // namespace hexmap::ksy
