// SPDX-License-Identifier: MIT
// Highlights: coloured byte ranges painted under the bytes of a view (modified bytes,
// search matches, bookmarks). A view asks each HighlightSource for the ranges that touch
// what it shows, once per frame; a new kind of highlight is a new source, not a change to
// the view.
#pragma once

#include "grid_colors.h"

#include <QColor>
#include <cstdint>
#include <vector>

namespace hexmap {

struct Highlight {
    // How the range is drawn: filled, or (a comparison's gap: bytes the other file has
    // here and this one has not) as a bar at the left edge of byte `start` or at the right
    // edge of byte `end - 1` (a gap at the end of the file, where there is no next byte).
    enum class Mark : std::uint8_t { Fill, GapBefore, GapAfter };
    std::uint64_t start = 0; // [start, end) in bytes
    std::uint64_t end = 0;
    QColor color;
    Mark mark = Mark::Fill;
};

class HighlightSource {
public:
    virtual ~HighlightSource() = default;
    // Appends the ranges that intersect [first, end) (they may extend past it). Called on
    // the GUI thread for every frame: it must cost what the visible part costs, never what
    // the file costs. Later sources paint over earlier ones.
    virtual void collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                         std::vector<Highlight>& out) const = 0;
};

} // namespace hexmap
