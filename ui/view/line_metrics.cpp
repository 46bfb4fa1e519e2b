// SPDX-License-Identifier: MIT
#include "byte_view.h"
#include "line_renderer.h"
#include "line_rules.h"

#include <QFontMetrics>
#include <algorithm>
#include <cstring>

namespace hexmap {

LineMetrics LineMetrics::of(const QFont& font) {
    const QFontMetrics fm(font);
    LineMetrics m;
    m.charWidth = std::max(1, fm.horizontalAdvance(QLatin1Char('0')));
    m.advance = std::max<qreal>(1, QFontMetricsF(font).horizontalAdvance(QLatin1Char('0')));
    m.lineHeight = fm.height() + 2;
    return m;
}

QColor lineTint(const LineRules& rules, const ByteView& bytes, std::uint64_t lineStart,
                const GridColors& colors, std::vector<std::uint8_t>& scratch) {
    const std::uint64_t size = bytes.size();
    if (lineStart >= size) return {};
    const auto head = bytes.bytes(
        lineStart, static_cast<std::size_t>(std::min<std::uint64_t>(size - lineStart, 4096)),
        scratch);
    std::size_t n = head.size();
    if (const void* nl = std::memchr(head.data(), '\n', n))
        n = static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - head.data());
    return rules.tintFor(head.data(), n, colors);
}

} // namespace hexmap
