#include "searcher.h"

#include "page_size.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <sys/mman.h>
#include <unistd.h>
#include <ctime>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace hexmap {

std::size_t MemorySource::read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const {
    if (offset >= m_size) return 0;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
    std::memcpy(buf, m_data + offset, n);
    return n;
}

std::size_t FdSource::read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const {
    std::size_t done = 0;
    while (done < len) {
        const ssize_t n = ::pread(m_fd, buf + done, len - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; // error or end of file: the caller sees a short count
        done += static_cast<std::size_t>(n);
    }
    return done;
}

namespace {

double secondsNow() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

bool resident(const std::uint8_t* start, std::size_t len) {
    const std::size_t page = pageSize();
    std::vector<unsigned char> vec((len + page - 1) / page);
    if (::mincore(const_cast<std::uint8_t*>(start), len, vec.data()) != 0) return false;
    for (unsigned char v : vec)
        if (!(v & 1)) return false;
    return true;
}

} // namespace

std::unique_ptr<ByteSource> chooseFileSource(const std::uint8_t* mapping, int fd,
                                             std::uint64_t size) {
    constexpr std::uint64_t kSample = 8u << 20;
    constexpr std::uint64_t kAlign = 2u << 20;
    if (!mapping || size < 64u << 20) return std::make_unique<FdSource>(fd, size);
    const std::uint64_t a = (size / 4) & ~(kAlign - 1); // pread sample
    const std::uint64_t b = (size / 2) & ~(kAlign - 1); // mapping sample
    // A file that is not in the page cache is read from disk either way, and pread's
    // readahead serves that better than page faults.
    if (!resident(mapping + a, kSample) || !resident(mapping + b, kSample))
        return std::make_unique<FdSource>(fd, size);
    std::vector<std::uint8_t> buf(1u << 20);
    std::size_t sink = 0;
    const double t0 = secondsNow();
    for (std::uint64_t off = a; off < a + kSample; off += buf.size()) {
        const ssize_t n = ::pread(fd, buf.data(), buf.size(), static_cast<off_t>(off));
        if (n <= 0) return std::make_unique<FdSource>(fd, size);
        sink += std::memchr(buf.data(), 0x01, static_cast<std::size_t>(n)) != nullptr;
    }
    const double t1 = secondsNow();
    sink += std::memchr(mapping + b, 0x01, kSample) != nullptr;
    const double t2 = secondsNow();
    asm volatile("" : : "r"(sink)); // keep the scans
    if ((t2 - t1) < 0.8 * (t1 - t0))
        return std::make_unique<MemorySource>(mapping, size);
    return std::make_unique<FdSource>(fd, size);
}

namespace {

const Error kCancelled{ECANCELED, "The search was cancelled."};
const Error kTooLong{ERANGE, "A match runs further than the search may read past its chunk."};

// A stretch of the source in memory: data[0] is the byte at offset base.
struct Window {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::uint64_t base = 0;
    bool atEof = false; // data ends where the source ends
    bool final = false; // no more bytes will be offered past the end (eof or length limit)
};

enum class Outcome { Found, None, NeedMore, Failed };

// Finds the leftmost match whose start lies in [pos, ownedEnd) (indices into the window).
// One Matcher per thread: the regex one owns PCRE2 match data, which is not shareable.
class Matcher {
public:
    virtual ~Matcher() = default;
    virtual Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                         std::size_t& length) = 0;
    // Bytes before a candidate start that must be in the window (regex lookbehind, ^, \b).
    virtual std::size_t contextBefore() const = 0;
    // Bytes past the owned range read at first. Enough for every literal match; a regex
    // asks for more with NeedMore.
    virtual std::size_t initialOverlap() const = 0;
    // The flags that stop a search; a matcher whose single step can be slow (a regex
    // attempt) checks them between steps and fails with ECANCELED.
    void setStop(const std::atomic<bool>* a, const std::atomic<bool>* b) {
        m_stopA = a;
        m_stopB = b;
    }
    Error error; // set when find returns Failed
    // Where the last Found match's attempt started (window index). The match's own start,
    // except for a regex with \K, whose reported start lies later.
    std::size_t attempt = 0;

protected:
    bool stopped() const {
        return (m_stopA && m_stopA->load(std::memory_order_relaxed)) ||
               (m_stopB && m_stopB->load(std::memory_order_relaxed));
    }

private:
    const std::atomic<bool>* m_stopA = nullptr;
    const std::atomic<bool>* m_stopB = nullptr;
};

// How common a byte is in typical files (text, logs, binaries); higher is more common. The
// literal matcher filters on the least common bytes of the pattern, so fewer false
// candidates interrupt the vectorised scan.
int commonness(std::uint8_t b) {
    if (b == ' ' || b == 0) return 250;
    if (b == 0xFF) return 200;
    if (std::strchr("etaoinsrhl", b) && b != 0) return 220;
    if (b >= 'a' && b <= 'z') return 180;
    if (b >= '0' && b <= '9') return 170;
    if (b == '\n' || b == '\t' || (b && std::strchr(".,:-/_=\"'()[]", b))) return 150;
    if (b && std::strchr("EATIONSR", b)) return 130;
    if (b >= 'A' && b <= 'Z') return 110;
    if (b >= 0x20 && b < 0x7F) return 100;
    if (b == 0x01 || b == 0x80 || b == 0xFE || b == 0x7F) return 90;
    return 60;
}

// Two-byte candidate filter: the first s in [p, end) with (s[i1] & m1) == b1 and
// (s[i2] & m2) == b2, or nullptr. Testing two pattern bytes at once, 32 (or 16) positions
// per step, leaves almost only true matches to verify, where memchr on one byte stops at
// every occurrence of that byte (in a log, "E" of "ERROR" also stops at every "DEBUG").
// The caller guarantees that s + i2 is readable for every s < end.
struct PairFilter {
    std::size_t i1 = 0, i2 = 0;
    std::uint8_t b1 = 0, m1 = 0xFF, b2 = 0, m2 = 0xFF;

    const std::uint8_t* scalar(const std::uint8_t* p, const std::uint8_t* end) const {
        for (; p < end; ++p) {
            if ((p[i1] & m1) == b1 && (p[i2] & m2) == b2) return p;
        }
        return nullptr;
    }

#if defined(__x86_64__)
    __attribute__((target("avx2"))) const std::uint8_t* avx2(const std::uint8_t* p,
                                                             const std::uint8_t* end) const {
        const __m256i vb1 = _mm256_set1_epi8(static_cast<char>(b1));
        const __m256i vm1 = _mm256_set1_epi8(static_cast<char>(m1));
        const __m256i vb2 = _mm256_set1_epi8(static_cast<char>(b2));
        const __m256i vm2 = _mm256_set1_epi8(static_cast<char>(m2));
        while (end - p >= 32) {
            const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i1));
            const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i2));
            const __m256i eq = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(a, vm1), vb1),
                                                _mm256_cmpeq_epi8(_mm256_and_si256(b, vm2), vb2));
            const unsigned bits = static_cast<unsigned>(_mm256_movemask_epi8(eq));
            if (bits) return p + __builtin_ctz(bits);
            p += 32;
        }
        return scalar(p, end);
    }

    const std::uint8_t* sse2(const std::uint8_t* p, const std::uint8_t* end) const {
        const __m128i vb1 = _mm_set1_epi8(static_cast<char>(b1));
        const __m128i vm1 = _mm_set1_epi8(static_cast<char>(m1));
        const __m128i vb2 = _mm_set1_epi8(static_cast<char>(b2));
        const __m128i vm2 = _mm_set1_epi8(static_cast<char>(m2));
        while (end - p >= 16) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i1));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i2));
            const __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(a, vm1), vb1),
                                             _mm_cmpeq_epi8(_mm_and_si128(b, vm2), vb2));
            const unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(eq));
            if (bits) return p + __builtin_ctz(bits);
            p += 16;
        }
        return scalar(p, end);
    }
#endif

    const std::uint8_t* next(const std::uint8_t* p, const std::uint8_t* end) const {
#if defined(__x86_64__)
        static const bool hasAvx2 = __builtin_cpu_supports("avx2");
        return hasAvx2 ? avx2(p, end) : sse2(p, end);
#else
        return scalar(p, end);
#endif
    }
};

// Hex and text patterns: fixed length, per-byte mask. Candidates come from the PairFilter
// on the two rarest pattern bytes that are not "??" (rarity guessed from typical data), or
// for a one-byte pattern from memchr (for both cases of a letter: two memchr streams
// merged); each candidate is then compared in full. A pattern of only "??" is checked at
// every position.
class LiteralMatcher final : public Matcher {
public:
    explicit LiteralMatcher(const Pattern& p) : m_bytes(p.bytes()), m_mask(p.mask()) {
        m_exact = m_mask.empty();
        struct Candidate {
            int cost;
            std::size_t index;
        };
        std::vector<Candidate> candidates;
        for (std::size_t i = 0; i < m_bytes.size(); ++i) {
            const std::uint8_t m = maskAt(i);
            if (m == 0xFF) {
                candidates.push_back({commonness(m_bytes[i]), i});
            } else if (m == 0xDF) {
                candidates.push_back({commonness(m_bytes[i]) + commonness(m_bytes[i] | 0x20), i});
            } else if (m != 0) {
                candidates.push_back({400, i}); // a nibble: 16 byte values match
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
        if (candidates.empty()) return; // mode 0
        const std::size_t first = candidates[0].index;
        if (candidates.size() == 1 && (maskAt(first) == 0xFF || maskAt(first) == 0xDF)) {
            m_anchor = first;
            m_mode = maskAt(first) == 0xFF ? 1 : 2;
            m_a1 = m_bytes[first];
            m_a2 = static_cast<std::uint8_t>(m_bytes[first] | 0x20);
            return;
        }
        const std::size_t second = candidates.size() > 1 ? candidates[1].index : first;
        m_mode = 3;
        m_pair.i1 = std::min(first, second);
        m_pair.i2 = std::max(first, second);
        m_pair.b1 = m_bytes[m_pair.i1];
        m_pair.m1 = maskAt(m_pair.i1);
        m_pair.b2 = m_bytes[m_pair.i2];
        m_pair.m2 = maskAt(m_pair.i2);
    }

    std::size_t contextBefore() const override { return 0; }
    std::size_t initialOverlap() const override { return m_bytes.size() - 1; }

    Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                 std::size_t& length) override {
        const std::size_t len = m_bytes.size();
        if (w.size < len || pos >= ownedEnd) return Outcome::None;
        const std::size_t lastStart = std::min(ownedEnd - 1, w.size - len);
        if (pos > lastStart) return Outcome::None;
        const std::uint8_t* d = w.data;
        length = len;
        if (m_mode == 3) {
            const std::uint8_t* p = d + pos;
            const std::uint8_t* end = d + lastStart + 1;
            while (p < end) {
                const std::uint8_t* h = m_pair.next(p, end);
                if (!h) break;
                if (verify(h)) {
                    start = static_cast<std::size_t>(h - d);
                    return Outcome::Found;
                }
                p = h + 1;
            }
            return Outcome::None;
        }
        if (m_mode == 0) {
            for (std::size_t s = pos; s <= lastStart; ++s) {
                if (verify(d + s)) {
                    start = s;
                    return Outcome::Found;
                }
            }
            return Outcome::None;
        }
        const std::uint8_t* p = d + pos + m_anchor;
        const std::uint8_t* end = d + lastStart + m_anchor + 1;
        if (m_mode == 1) {
            while (p < end) {
                auto* h = static_cast<const std::uint8_t*>(std::memchr(p, m_a1, end - p));
                if (!h) break;
                if (len == 1 || verify(h - m_anchor)) {
                    start = static_cast<std::size_t>(h - m_anchor - d);
                    return Outcome::Found;
                }
                p = h + 1;
            }
            return Outcome::None;
        }
        // Two bytes (upper and lower case): keep the next hit of each and take the nearer.
        auto next = [&](const std::uint8_t* from, std::uint8_t b) {
            return from < end ? static_cast<const std::uint8_t*>(std::memchr(from, b, end - from))
                              : nullptr;
        };
        const std::uint8_t* h1 = next(p, m_a1);
        const std::uint8_t* h2 = next(p, m_a2);
        while (h1 || h2) {
            const bool first = h1 && (!h2 || h1 < h2);
            const std::uint8_t* h = first ? h1 : h2;
            if (verify(h - m_anchor)) {
                start = static_cast<std::size_t>(h - m_anchor - d);
                return Outcome::Found;
            }
            if (first) {
                h1 = next(h + 1, m_a1);
            } else {
                h2 = next(h + 1, m_a2);
            }
        }
        return Outcome::None;
    }

private:
    std::uint8_t maskAt(std::size_t i) const { return m_exact ? 0xFF : m_mask[i]; }

    bool verify(const std::uint8_t* s) const {
        const std::size_t len = m_bytes.size();
        if (m_exact) return std::memcmp(s, m_bytes.data(), len) == 0;
        for (std::size_t i = 0; i < len; ++i) {
            if ((s[i] & m_mask[i]) != m_bytes[i]) return false;
        }
        return true;
    }

    std::vector<std::uint8_t> m_bytes;
    std::vector<std::uint8_t> m_mask;
    bool m_exact = true;
    int m_mode = 0; // 0: every position, 1: memchr, 2: memchr for both cases, 3: pair filter
    PairFilter m_pair;
    std::size_t m_anchor = 0;
    std::uint8_t m_a1 = 0, m_a2 = 0;
};

// PCRE2 on raw bytes, JIT-compiled. Limits make a pathological pattern (catastrophic
// backtracking) fail with an error instead of running for hours.
//
// Chunk ends: the subject is the window, and unless the window is final the match is run
// with PCRE2_PARTIAL_HARD (and NOTEOL). A hard partial result means "a match may start here
// but more bytes could change it" (a greedy repeat reaching the end, a $ or \b or lookahead
// at the end); then NeedMore makes the scanner read a longer window and try again, doubling
// up to SearchOptions::maxRegexMatchLength. Past that limit the window is declared final and
// the match found in it is taken as is. Bytes before the start are included in the window
// (lookbehind length, at least 1) so ^, \b and lookbehinds see what precedes a chunk, plus
// one more, so that \A (which PCRE2_NOTBOL does not affect) never finds the start of the
// subject where a lookbehind can reach, except at the file's own start.
//
// A match belongs to the chunk where its attempt started (pcre2_get_startchar), not where
// its reported start lies: with \K the two differ, and a match whose attempt starts in one
// chunk and whose \K lands in the next must be found exactly once. A match is never empty:
// patterns that can match the empty string (a minimum length of 0, or a lookahead or \K
// found to give an empty match) are run with NOTEMPTY first, and a start whose preferred
// match is empty is skipped, as grep -o skips it.
class RegexMatcher final : public Matcher {
public:
    RegexMatcher(const Pattern& p, std::uint32_t matchLimit)
        : m_code(reinterpret_cast<const pcre2_code*>(p.regexCode())), m_lookbehind(p.lookbehind()) {
        m_data = pcre2_match_data_create_from_pattern(m_code, nullptr);
        std::uint32_t minLength = 0;
        pcre2_pattern_info(m_code, PCRE2_INFO_MINLENGTH, &minLength);
        m_canBeEmpty = minLength == 0;
        std::size_t jitSize = 0;
        m_jit = pcre2_pattern_info(m_code, PCRE2_INFO_JITSIZE, &jitSize) == 0 && jitSize > 0;
        m_context = pcre2_match_context_create(nullptr);
        // Match limit: JIT and interpreter both count backtracking steps. 10 million (PCRE2's
        // default) is well under a second; depth and heap bound the interpreter's memory.
        pcre2_set_match_limit(m_context, matchLimit ? matchLimit : 10'000'000);
        pcre2_set_depth_limit(m_context, 1'000'000);
        pcre2_set_heap_limit(m_context, 256 * 1024); // KiB
        m_stack = pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr);
        if (m_stack) pcre2_jit_stack_assign(m_context, nullptr, m_stack);
    }
    ~RegexMatcher() override {
        pcre2_match_data_free(m_data);
        pcre2_match_context_free(m_context);
        if (m_stack) pcre2_jit_stack_free(m_stack);
    }
    RegexMatcher(const RegexMatcher&) = delete;
    RegexMatcher& operator=(const RegexMatcher&) = delete;

    std::size_t contextBefore() const override { return m_lookbehind + 1; }
    std::size_t initialOverlap() const override { return 4096; }

    Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                 std::size_t& length) override {
        std::uint32_t flags = 0;
        if (!w.atEof) flags |= PCRE2_NOTEOL;
        if (!w.final) flags |= PCRE2_PARTIAL_HARD;
        if (w.base > 0) flags |= PCRE2_NOTBOL;
        // An empty subject pointer is not allowed even for length 0.
        static const std::uint8_t empty = 0;
        const PCRE2_SPTR subject = w.data ? w.data : &empty;
        while (pos < ownedEnd) {
            // A slow pattern is stopped between attempts, not only between chunks.
            if (stopped()) {
                error = Error{ECANCELED, "The search was cancelled."};
                return Outcome::Failed;
            }
            // A pattern that can match the empty string would cost one call per byte where
            // its preferred match is empty (`a*` on text without a's). So first find the
            // leftmost start with a non-empty match (NOTEMPTY, which keeps PCRE2's fast
            // start-of-match scan), then ask for the preferred match at that start: grep -o
            // skips a start whose preferred match is empty, even if a longer one exists.
            const Outcome o =
                run(w, subject, pos, flags | (m_canBeEmpty ? PCRE2_NOTEMPTY : 0), ownedEnd);
            if (o != Outcome::Found) return o;
            const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_data);
            if (!m_canBeEmpty && ov[1] <= ov[0]) {
                // An empty match from a pattern whose minimum length said it could not have
                // one (a lookahead, or \K): from now on take the careful path.
                m_canBeEmpty = true;
                continue;
            }
            const std::size_t q = pcre2_get_startchar(m_data);
            if (m_canBeEmpty) {
                const Outcome preferred = run(w, subject, q, flags, ownedEnd);
                if (preferred == Outcome::NeedMore || preferred == Outcome::Failed) {
                    return preferred;
                }
                if (preferred != Outcome::Found || pcre2_get_startchar(m_data) != q ||
                    ov[1] <= ov[0]) {
                    pos = q + 1;
                    continue;
                }
            }
            start = ov[0];
            length = ov[1] - ov[0];
            attempt = q;
            return Outcome::Found;
        }
        return Outcome::None;
    }

private:
    // One pcre2_match from pos: Found (a match starting before ownedEnd, in the ovector),
    // None, NeedMore (a partial match starting before ownedEnd) or Failed (error set).
    Outcome run(const Window& w, PCRE2_SPTR subject, std::size_t pos, std::uint32_t flags,
                std::size_t ownedEnd) {
        // pcre2_jit_match skips pcre2_match's argument checks and dispatch: measurable
        // when a log has millions of matches, one call each.
        int rc = m_jit ? pcre2_jit_match(m_code, subject, w.size, pos, flags, m_data, m_context)
                       : PCRE2_ERROR_JIT_BADOPTION;
        if (rc == PCRE2_ERROR_JIT_BADOPTION) {
            // No JIT code for this mode (JIT compilation failed for it): interpret from now on.
            m_jit = false;
            rc = pcre2_match(m_code, subject, w.size, pos, flags, m_data, m_context);
        }
        if (rc == PCRE2_ERROR_NOMATCH) return Outcome::None;
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_data);
        if (rc == PCRE2_ERROR_PARTIAL) {
            return ov[0] >= ownedEnd ? Outcome::None : Outcome::NeedMore;
        }
        if (rc < 0) {
            PCRE2_UCHAR buf[256];
            pcre2_get_error_message(rc, buf, sizeof buf);
            error = Error{0, "The regular expression could not be matched at offset " +
                                 std::to_string(w.base + pos) + ": " +
                                 reinterpret_cast<const char*>(buf) +
                                 ". Simplify the pattern (nested repeats can take "
                                 "exponential time)."};
            return Outcome::Failed;
        }
        // Owned by the chunk where the attempt started (differs from ov[0] with \K).
        return pcre2_get_startchar(m_data) >= ownedEnd ? Outcome::None : Outcome::Found;
    }

    const pcre2_code* m_code;
    std::size_t m_lookbehind;
    bool m_canBeEmpty = true;
    bool m_jit = false; // JIT code exists for complete and hard-partial matching
    pcre2_match_data* m_data = nullptr;
    pcre2_match_context* m_context = nullptr;
    pcre2_jit_stack* m_stack = nullptr;
};

// Reads windows of the source for one thread and drives a Matcher over them.
class Scanner {
public:
    Scanner(const ByteSource& source, const Pattern& pattern, const SearchOptions& options,
            const std::atomic<bool>* stop = nullptr)
        : m_source(source), m_options(options), m_stop(stop), m_size(source.size()),
          m_chunk(std::max<std::size_t>(options.chunkSize, 1)) {
        m_regex = pattern.isRegex();
        if (m_regex) {
            m_matcher = std::make_unique<RegexMatcher>(pattern, options.regexMatchLimit);
        } else {
            m_matcher = std::make_unique<LiteralMatcher>(pattern);
        }
        m_matcher->setStop(options.cancel, stop);
    }

    // Where the attempt of the match last passed to onMatch started (see Matcher::attempt).
    std::uint64_t lastAttempt = 0;

    bool cancelled() const {
        return (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) ||
               (m_stop && m_stop->load(std::memory_order_relaxed));
    }

    // Leftmost, non-overlapping matches starting in [from, to), in order, passed to
    // onMatch(const Match&) until it returns false. A match may end past `to`.
    template <class F> Status scan(std::uint64_t from, std::uint64_t to, F&& onMatch) {
        to = std::min(to, m_size);
        std::uint64_t p = from;
        while (p < to) {
            if (cancelled()) return kCancelled;
            const std::uint64_t pieceEnd = p + std::min<std::uint64_t>(m_chunk, to - p);
            std::size_t overlap = firstOverlap();
            Window w;
            if (Status s = load(p, pieceEnd, overlap, w); !s) return s;
            std::uint64_t pos = p;
            while (pos < pieceEnd) {
                std::size_t start = 0, length = 0;
                const Outcome o =
                    m_matcher->find(w, static_cast<std::size_t>(pos - w.base),
                                    static_cast<std::size_t>(pieceEnd - w.base), start, length);
                if (o == Outcome::None) break;
                if (o == Outcome::Failed) return m_matcher->error;
                if (o == Outcome::NeedMore) {
                    if (overlap >= m_options.maxRegexMatchLength) return kTooLong;
                    overlap = grow(overlap);
                    if (Status s = load(p, pieceEnd, overlap, w); !s) return s;
                    continue;
                }
                const Match m{w.base + start, length};
                lastAttempt = w.base + (m_regex ? m_matcher->attempt : start);
                if (!onMatch(m)) return {};
                pos = m.offset + m.length;
            }
            p = std::max(pieceEnd, pos);
        }
        return {};
    }

    // The match that starts last in [from, to) (overlapping matches count), scanning
    // backwards one chunk at a time.
    Result<std::optional<Match>> lastIn(std::uint64_t from, std::uint64_t to) {
        to = std::min(to, m_size);
        std::uint64_t b = to;
        while (b > from) {
            if (cancelled()) return kCancelled;
            const std::uint64_t a = std::max<std::uint64_t>(from, b > m_chunk ? b - m_chunk : 0);
            std::size_t overlap = firstOverlap();
            Window w;
            if (Status s = load(a, b, overlap, w); !s) return s.error();
            std::optional<Match> last;
            std::uint64_t pos = a;
            while (pos < b) {
                std::size_t start = 0, length = 0;
                const Outcome o =
                    m_matcher->find(w, static_cast<std::size_t>(pos - w.base),
                                    static_cast<std::size_t>(b - w.base), start, length);
                if (o == Outcome::None) break;
                if (o == Outcome::Failed) return m_matcher->error;
                if (o == Outcome::NeedMore) {
                    overlap = grow(overlap);
                    if (Status s = load(a, b, overlap, w); !s) return s.error();
                    continue;
                }
                last = Match{w.base + start, length};
                pos = last->offset + 1;
            }
            if (last) return last;
            b = a;
        }
        return std::optional<Match>{};
    }

private:
    std::size_t firstOverlap() const {
        const std::size_t o = m_matcher->initialOverlap();
        return m_regex ? std::min(o, m_options.maxRegexMatchLength) : o;
    }

    std::size_t grow(std::size_t overlap) const {
        const std::size_t limit = m_options.maxRegexMatchLength;
        return overlap >= limit / 2 ? limit : std::max<std::size_t>(overlap * 2, 1);
    }

    // Makes w cover [ownedBegin - context, ownedEnd + overlap), clipped to the source.
    Status load(std::uint64_t ownedBegin, std::uint64_t ownedEnd, std::size_t overlap, Window& w) {
        const std::uint64_t context =
            std::min<std::uint64_t>(m_matcher->contextBefore(), ownedBegin);
        const std::uint64_t begin = ownedBegin - context;
        const std::uint64_t end = std::min<std::uint64_t>(m_size, ownedEnd + overlap);
        const std::size_t n = static_cast<std::size_t>(end - begin);
        w.base = begin;
        w.size = n;
        w.atEof = end == m_size;
        w.final = w.atEof ||
                  (overlap >= m_options.maxRegexMatchLength && !m_options.exactOrFail);
        if (const std::uint8_t* direct = m_source.direct()) {
            w.data = direct + begin;
            return {};
        }
        if (m_buffer.size() < n) m_buffer.resize(n);
        if (m_source.read(begin, m_buffer.data(), n) != n) {
            return Error{EIO, "The file could not be read at offset " + std::to_string(begin) +
                                  " (it may have been truncated by another program)."};
        }
        w.data = m_buffer.data();
        return {};
    }

    const ByteSource& m_source;
    const SearchOptions& m_options;
    const std::atomic<bool>* m_stop;
    std::uint64_t m_size;
    std::uint64_t m_chunk;
    std::unique_ptr<Matcher> m_matcher;
    bool m_regex = false;
    std::vector<std::uint8_t> m_buffer;
};

} // namespace

Result<std::vector<Match>> findInRange(const ByteSource& source, const Pattern& pattern,
                                      std::uint64_t from, std::uint64_t to,
                                      const SearchOptions& options) {
    std::vector<Match> out;
    to = std::min(to, source.size());
    if (from >= to) return out;
    SearchOptions one = options;
    one.chunkSize = static_cast<std::size_t>(to - from);
    one.exactOrFail = true;
    Scanner scanner(source, pattern, one);
    Status s = scanner.scan(from, to, [&](const Match& m) {
        out.push_back(m);
        return true;
    });
    if (!s) return s.error();
    return out;
}

Result<std::optional<FoundMatch>> findNext(const ByteSource& source, const Pattern& pattern,
                                           std::uint64_t from, const SearchOptions& options) {
    from = std::min(from, source.size());
    Scanner scanner(source, pattern, options);
    std::optional<Match> found;
    auto take = [&](const Match& m) {
        found = m;
        return false;
    };
    if (Status s = scanner.scan(from, source.size(), take); !s) return s.error();
    if (found) return std::optional<FoundMatch>(FoundMatch{*found, false});
    if (Status s = scanner.scan(0, from, take); !s) return s.error();
    if (found) return std::optional<FoundMatch>(FoundMatch{*found, true});
    return std::optional<FoundMatch>{};
}

Result<std::optional<FoundMatch>> findPrevious(const ByteSource& source, const Pattern& pattern,
                                               std::uint64_t from, const SearchOptions& options) {
    from = std::min(from, source.size());
    Scanner scanner(source, pattern, options);
    auto before = scanner.lastIn(0, from);
    if (!before) return before.error();
    if (before.value()) return std::optional<FoundMatch>(FoundMatch{*before.value(), false});
    auto after = scanner.lastIn(from, source.size());
    if (!after) return after.error();
    if (after.value()) return std::optional<FoundMatch>(FoundMatch{*after.value(), true});
    return std::optional<FoundMatch>{};
}

// Find all: the source is cut into chunks of options.chunkSize. Workers take chunks in
// order and scan each independently (starting at the chunk's first byte, reading past its
// end as the pattern needs), so each chunk's list is correct *if* the scan had arrived at
// the chunk's start. The calling thread merges the lists in chunk order: when the last
// match emitted runs past a chunk's start and the chunk's first matches overlap it, the
// chunk is rescanned from that match's end until the rescan meets a match of the worker's
// list (from there on both scans agree, since the scan is deterministic from a position),
// so the result is exactly the serial leftmost, non-overlapping scan.
Result<FindAllSummary> findAll(const ByteSource& source, const Pattern& pattern,
                               const MatchBatchFn& onMatches, const ProgressFn& onProgress,
                               const SearchOptions& options) {
    FindAllSummary summary;
    const std::uint64_t size = source.size();
    if (size == 0) return summary;
    const std::uint64_t chunk = std::max<std::size_t>(options.chunkSize, 1);
    const std::uint64_t chunks = (size + chunk - 1) / chunk;
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(std::clamp<std::uint64_t>(threads, 1, chunks));
    // Workers may run this many chunks ahead of the merge, which bounds the memory held by
    // finished but not yet delivered chunks.
    const std::uint64_t ahead = std::uint64_t(threads) * 4;

    struct Slot {
        std::vector<Match> matches;
        std::uint64_t firstAttempt = 0; // where the first match's attempt started
        std::optional<Error> error;
    };
    std::mutex mutex;
    std::condition_variable workerCv, mergeCv;
    std::map<std::uint64_t, Slot> finished;
    std::uint64_t nextChunk = 0; // guarded by mutex
    std::uint64_t merged = 0;    // chunks delivered; guarded by mutex
    std::atomic<bool> stop{false};

    auto worker = [&] {
        Scanner scanner(source, pattern, options, &stop);
        for (;;) {
            std::uint64_t k;
            {
                std::unique_lock lock(mutex);
                workerCv.wait(lock, [&] { return stop.load() || nextChunk < merged + ahead; });
                if (stop.load() || nextChunk >= chunks) return;
                k = nextChunk++;
            }
            Slot slot;
            const std::uint64_t a = k * chunk;
            Status s = scanner.scan(a, std::min(size, a + chunk), [&](const Match& m) {
                if (slot.matches.empty()) slot.firstAttempt = scanner.lastAttempt;
                slot.matches.push_back(m);
                return true;
            });
            if (!s) slot.error = s.error();
            {
                std::lock_guard lock(mutex);
                finished.emplace(k, std::move(slot));
            }
            mergeCv.notify_one();
        }
    };

    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error&) {
            break; // fewer threads than asked still finish the work
        }
    }
    if (pool.empty()) return Error{EAGAIN, "Could not start a search thread."};

    std::optional<Error> failure;
    Scanner rescanner(source, pattern, options);
    std::uint64_t nextAllowed = 0; // end of the last match delivered
    for (std::uint64_t k = 0; k < chunks; ++k) {
        Slot slot;
        {
            std::unique_lock lock(mutex);
            mergeCv.wait(lock, [&] { return finished.count(k) != 0; });
            auto it = finished.find(k);
            slot = std::move(it->second);
            finished.erase(it);
            merged = k + 1;
        }
        workerCv.notify_all();
        if (slot.error) {
            if (slot.error->code == ECANCELED) {
                summary.cancelled = true;
            } else {
                failure = slot.error;
            }
            break;
        }
        std::vector<Match>& list = slot.matches;
        const std::uint64_t a = k * chunk;
        const std::uint64_t b = std::min(size, a + chunk);
        // Attempts, not reported starts, decide: with \K a match reported at or after
        // nextAllowed may come from an attempt inside the match delivered last.
        if (nextAllowed > a && !list.empty() && slot.firstAttempt < nextAllowed) {
            std::vector<Match> fixed;
            std::size_t j = 0;
            Status s = rescanner.scan(nextAllowed, b, [&](const Match& m) {
                while (j < list.size() && list[j].offset < m.offset)
                    ++j;
                if (j < list.size() && list[j] == m) {
                    fixed.insert(fixed.end(), list.begin() + static_cast<std::ptrdiff_t>(j),
                                 list.end());
                    return false;
                }
                fixed.push_back(m);
                return true;
            });
            if (!s) {
                if (s.error().code == ECANCELED) {
                    summary.cancelled = true;
                } else {
                    failure = s.error();
                }
                break;
            }
            list = std::move(fixed);
        }
        if (!list.empty()) {
            nextAllowed = list.back().offset + list.back().length;
            summary.matches += list.size();
            if (onMatches) onMatches(list.data(), list.size());
        }
        summary.bytesScanned = b;
        if (onProgress) onProgress(b, size);
        if (options.cancel && options.cancel->load()) {
            summary.cancelled = summary.bytesScanned < size;
            break;
        }
    }

    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    workerCv.notify_all();
    for (std::thread& t : pool)
        t.join();
    if (failure) return *failure;
    return summary;
}

} // namespace hexmap
