// SPDX-License-Identifier: MIT
// Pattern: what the user asked to find, parsed once from the text typed in the find bar
// or on the command line, and then shared read-only by every search thread.
//
// Three kinds:
//   Hex   - "DE AD BE EF" or "deadbeef": two hex digits a byte, whitespace allowed between
//           bytes; "??" matches any byte, "4?" / "?F" match one nibble.
//   Text  - UTF-8 with the escapes \n \r \t \0 \xHH \\ ; optionally ASCII case-insensitive;
//           optionally encoded as UTF-16LE or UTF-16BE before searching.
//   Regex - a PCRE2 regular expression applied to the raw bytes (no UTF mode, so "." is one
//           byte). Compiled with PCRE2_MULTILINE so ^ and $ are line anchors, as in
//           `grep -P`. Unlike grep, a class such as [^x] or \s can match across a newline.
//
// Hex and Text patterns become a fixed-length byte string plus a per-byte mask: a byte of
// the file matches when (byte & mask[i]) == bytes[i]. Case-insensitive ASCII letters use the
// mask 0xDF (ignoring only the case bit), so all non-regex kinds share one matcher.
#pragma once

#include "regex_shape.h"
#include "result.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

// PCRE2's compiled-pattern type, declared here so this header does not pull in <pcre2.h>.
struct pcre2_real_code_8;

namespace hexmap {

enum class PatternKind { Hex, Text, Regex };
enum class TextEncoding { Utf8, Utf16LE, Utf16BE };

struct PatternOptions {
    PatternKind kind = PatternKind::Text;
    bool caseInsensitive = false;               // ASCII letters only (Text and Regex)
    TextEncoding encoding = TextEncoding::Utf8; // Text only
};

class Pattern {
public:
    // Parses text. An invalid pattern gives an Error (code 0, or EINVAL) whose message names
    // the 1-based character column of the mistake. An empty pattern is an error. Never blocks.
    static Result<Pattern> parse(std::string_view text, const PatternOptions& options);

    PatternKind kind() const { return m_kind; }
    bool isRegex() const { return m_kind == PatternKind::Regex; }

    // Hex and Text: the bytes to find (already masked) and the per-byte mask. mask() is
    // empty when every byte must match exactly (the fast literal path).
    const std::vector<std::uint8_t>& bytes() const { return m_bytes; }
    const std::vector<std::uint8_t>& mask() const { return m_mask; }
    // Length in bytes of every match of a Hex or Text pattern; 0 for a regex.
    std::size_t length() const { return m_bytes.size(); }

    // Regex only: the compiled program (owned by this Pattern and its copies; read-only,
    // safe to use from several threads, each with its own match data), and the longest
    // lookbehind it needs in bytes (at least 1, so ^ and \b can see the byte before).
    const pcre2_real_code_8* regexCode() const { return m_regex.get(); }
    std::size_t lookbehind() const { return m_lookbehind; }
    // Regex only: the same program compiled anchored (PCRE2_ANCHORED, which the JIT does not
    // accept at match time), for trying one candidate position; nullptr when the shape has
    // no prefixes to find candidates with.
    const pcre2_real_code_8* anchoredCode() const { return m_anchored.get(); }
    // Regex with \G only (shape().usesG): regexCode() reads \G as "at the start offset or
    // at a line start", for a call that starts where the previous match ended (or at the
    // search's start); this one reads it as "at a line start", for a call that starts
    // anywhere else (a chunk, a slice, a candidate), so \G never matches there as grep -P's
    // would not.
    const pcre2_real_code_8* regexCodeNoG() const { return m_regexNoG.get(); }
    // Regex only: what the pattern's text says about its matches (see regex_shape.h).
    const RegexShape& shape() const { return m_shape; }
    bool caseInsensitive() const { return m_caseInsensitive; }

private:
    PatternKind m_kind = PatternKind::Text;
    std::vector<std::uint8_t> m_bytes;
    std::vector<std::uint8_t> m_mask;
    std::shared_ptr<pcre2_real_code_8> m_regex;
    std::shared_ptr<pcre2_real_code_8> m_anchored;
    std::shared_ptr<pcre2_real_code_8> m_regexNoG;
    std::size_t m_lookbehind = 0;
    RegexShape m_shape;
    bool m_caseInsensitive = false;
};

} // namespace hexmap
