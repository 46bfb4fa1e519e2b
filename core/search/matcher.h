// SPDX-License-Identifier: MIT
// The matchers behind the searcher: one object per thread that finds the leftmost match
// in a window of bytes. Internal to core/search.
#pragma once

#include "result.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace hexmap::search {

// A stretch of the source in memory: data[0] is the byte at offset base.
struct Window {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::uint64_t base = 0;
    bool atEof = false; // data ends where the source ends
    bool final = false; // no more bytes will be offered past the end (eof or length limit)
};

enum class Outcome { Found, None, NeedMore, Failed };

// Finds the leftmost match whose attempt starts in [pos, ownedEnd) (indices into the
// window). One Matcher per thread: the regex one owns PCRE2 match data.
class Matcher {
public:
    virtual ~Matcher() = default;
    virtual Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd,
                         std::size_t& start, std::size_t& length) = 0;
    // Bytes before a candidate start that must be in the window (regex lookbehind, ^, \b).
    virtual std::size_t contextBefore() const = 0;
    // Bytes past the owned range read at first. Enough for every literal match; a regex
    // asks for more with NeedMore.
    virtual std::size_t initialOverlap() const = 0;
    // Whether a match's attempt can begin at a zero byte. When it cannot, holes (known
    // zeros) are skipped without being read.
    virtual bool canStartAtZero() const = 0;

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
    // Where the scan resumes (window index) after find returned None, when that lies past
    // ownedEnd: an empty \K match there made grep -o's cursor jump beyond it. 0 otherwise.
    std::size_t skipTo = 0;

protected:
    bool stopped() const {
        return (m_stopA && m_stopA->load(std::memory_order_relaxed)) ||
               (m_stopB && m_stopB->load(std::memory_order_relaxed));
    }

private:
    const std::atomic<bool>* m_stopA = nullptr;
    const std::atomic<bool>* m_stopB = nullptr;
};

} // namespace hexmap::search
