// SPDX-License-Identifier: MIT
#include "match_list_model.h"

#include "offset_shift.h"

#include "byte_format.h"
#include "document.h"

#include <QFontDatabase>
#include <algorithm>
#include <limits>

namespace hexmap {

namespace {
constexpr std::size_t kMaxRows = MatchListModel::kMaxRows;

bool looksLikeText(const std::uint8_t* p, std::size_t n) {
    std::size_t printable = 0;
    for (std::size_t i = 0; i < n; ++i)
        if ((p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\t' || p[i] == '\n' || p[i] == '\r')
            ++printable;
    return n > 0 && printable * 10 >= n * 9;
}

// Text in any 8-bit encoding or UTF-8: no NUL, and control bytes (not tab, newline, CR,
// form feed, escape) under 1%.
bool sampleLooksLikeText(const std::uint8_t* p, std::size_t n) {
    std::size_t control = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t c = p[i];
        if (c == 0) return false;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) ++control;
    }
    return control * 100 <= n;
}

// The UTF-16 line around a match: code units aligned with the match, cut at newlines and at
// the context limits. Empty when the units around it are not mostly printable text.
QString utf16Preview(const Document& doc, const Match& match, bool bigEndian) {
    const std::uint64_t size = doc.size();
    constexpr std::uint64_t kContext = 96; // bytes: 48 code units either side
    std::uint64_t from = match.offset > kContext ? match.offset - kContext : match.offset % 2;
    const std::uint64_t maxTo = match.offset + std::min<std::uint64_t>(match.length, 400) + kContext;
    std::uint64_t to = std::min(size, maxTo);
    to -= (to - from) % 2;
    if (to <= from) return {};
    std::vector<std::uint8_t> scratch;
    const auto bytes = doc.view().bytes(from, static_cast<std::size_t>(to - from), scratch);
    QString units;
    units.reserve(static_cast<qsizetype>(bytes.size() / 2));
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
        units.append(QChar(bigEndian ? char16_t(bytes[i] << 8 | bytes[i + 1]) : char16_t(bytes[i + 1] << 8 | bytes[i])));
    const auto at = static_cast<qsizetype>((match.offset - from) / 2);
    qsizetype a = at, b = at;
    while (a > 0 && units[a - 1] != QLatin1Char('\n')) --a;
    while (b < units.size() && units[b] != QLatin1Char('\n')) ++b;
    QString line = units.mid(a, b - a);
    qsizetype printable = 0;
    for (const QChar c : line) printable += c.isPrint() || c == QLatin1Char('\t') || c == QLatin1Char('\r') ? 1 : 0;
    if (line.isEmpty() || printable * 10 < line.size() * 9) return {};
    line.replace(QLatin1Char('\t'), QLatin1Char(' ')).remove(QLatin1Char('\r'));
    const bool cutStart = a == 0 && from > 1;
    const bool cutEnd = b == units.size() && to < size;
    return (cutStart ? QStringLiteral("\u2026") : QString()) + line + (cutEnd ? QStringLiteral("\u2026") : QString());
}
} // namespace

MatchListModel::MatchListModel(QObject* parent) : QAbstractTableModel(parent) {}

void MatchListModel::setDocument(const Document* document) {
    beginResetModel();
    m_doc = document;
    m_matches.clear();
    sampleDocument();
    endResetModel();
}

void MatchListModel::sampleDocument() {
    m_textFile = true;
    if (!m_doc || m_doc->size() == 0) return;
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(m_doc->size(), 64 * 1024));
    std::vector<std::uint8_t> scratch;
    const auto bytes = m_doc->view().bytes(0, n, scratch);
    m_textFile = sampleLooksLikeText(bytes.data(), bytes.size());
}

void MatchListModel::clear() {
    beginResetModel();
    sampleDocument();
    m_matches.clear();
    endResetModel();
}

void MatchListModel::truncateFrom(std::uint64_t offset) {
    const std::size_t keep = lowerBound(offset);
    if (keep >= m_matches.size()) return;
    const std::size_t shownBefore = std::min(m_matches.size(), kMaxRows);
    const std::size_t shownAfter = std::min(keep, kMaxRows);
    if (shownAfter < shownBefore)
        beginRemoveRows({}, static_cast<int>(shownAfter), static_cast<int>(shownBefore - 1));
    m_matches.truncate(keep);
    if (shownAfter < shownBefore) endRemoveRows();
}

void MatchListModel::shift(std::uint64_t start, std::int64_t delta) {
    // A match whose bytes were cut, or split by an insert, is a match no more: drop it.
    // The rest keep their bytes and follow them.
    const std::uint64_t removed = delta < 0 ? static_cast<std::uint64_t>(-delta) : 0;
    MatchChunker kept;
    for (const Match m : m_matches) {
        if (m.offset < start + removed && m.offset + m.length > start) continue;
        kept.add(Match{shiftOffset(m.offset, start, delta), m.length});
    }
    beginResetModel();
    m_matches.clear();
    for (auto& c : kept.take()) m_matches.append(std::move(c));
    endResetModel();
}

template <class Add> void MatchListModel::appendRows(std::size_t count, Add add) {
    if (count == 0) return;
    const std::size_t shownBefore = std::min(m_matches.size(), kMaxRows);
    const std::size_t shownAfter = std::min(m_matches.size() + count, kMaxRows);
    if (shownAfter > shownBefore)
        beginInsertRows({}, static_cast<int>(shownBefore), static_cast<int>(shownAfter - 1));
    add();
    if (shownAfter > shownBefore) endInsertRows();
}

void MatchListModel::append(const MatchChunks& chunks) {
    std::size_t count = 0;
    for (const auto& c : chunks) count += c->size();
    appendRows(count, [&] {
        for (const auto& c : chunks) m_matches.append(c);
    });
}

void MatchListModel::append(const std::vector<Match>& matches) {
    appendRows(matches.size(), [&] { m_matches.append(matches); });
}

QString MatchListModel::preview(const Document& doc, const Match& match, TextEncoding encoding) {
    const std::uint64_t size = doc.size();
    if (match.offset >= size) return {};
    if (encoding != TextEncoding::Utf8)
        if (QString line = utf16Preview(doc, match, encoding == TextEncoding::Utf16BE); !line.isEmpty()) return line;
    constexpr std::uint64_t kContext = 48;
    const std::uint64_t from = match.offset > kContext ? match.offset - kContext : 0;
    const std::uint64_t to = std::min(size, match.offset + std::min<std::uint64_t>(match.length, 200) + kContext);
    // The bytes around the match (one more on each side, for the cut marks), contiguous.
    const std::uint64_t lo = from > 0 ? from - 1 : 0;
    const std::uint64_t hi = std::min(size, to + 1);
    std::vector<std::uint8_t> scratch;
    const auto window = doc.view().bytes(lo, static_cast<std::size_t>(hi - lo), scratch);
    // The bytes by document offset, within [lo, hi).
    const auto ptr = [&](std::uint64_t o) { return window.data() + (o - lo); };
    const auto byte = [&](std::uint64_t o) { return window[static_cast<std::size_t>(o - lo)]; };
    if (looksLikeText(ptr(from), static_cast<std::size_t>(to - from))) {
        // The line around the match, cut at the context limits.
        std::uint64_t a = match.offset, b = match.offset;
        while (a > from && byte(a - 1) != '\n') --a;
        while (b < to && byte(b) != '\n') ++b;
        QString line = QString::fromLatin1(reinterpret_cast<const char*>(ptr(a)), static_cast<qsizetype>(b - a));
        line.replace(QLatin1Char('\t'), QLatin1Char(' ')).remove(QLatin1Char('\r'));
        const bool cutStart = a == from && a > 0 && byte(a - 1) != '\n';
        const bool cutEnd = b == to && b < size && byte(b) != '\n';
        return (cutStart ? QStringLiteral("\u2026") : QString()) + line +
               (cutEnd ? QStringLiteral("\u2026") : QString());
    }
    const std::uint64_t hexFrom = match.offset > 8 ? match.offset - 8 : 0;
    const std::uint64_t hexTo = std::min(size, match.offset + std::min<std::uint64_t>(match.length, 16) + 8);
    return QString::fromStdString(formatHex(ptr(hexFrom), static_cast<std::size_t>(hexTo - hexFrom)));
}

int MatchListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(std::min(m_matches.size(), kMaxRows));
}

int MatchListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

void MatchListModel::setLineSource(std::function<std::optional<std::uint64_t>(std::uint64_t)> lineOf) {
    m_lineOf = std::move(lineOf);
}

QVariant MatchListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || static_cast<std::size_t>(index.row()) >= m_matches.size()) return {};
    const Match m = m_matches[static_cast<std::size_t>(index.row())];
    if (role == Qt::FontRole) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::TextAlignmentRole && index.column() != Preview)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case OffsetHex: return QStringLiteral("0x") + QString::number(m.offset, 16);
    case OffsetDecimal: return QString::number(m.offset);
    case Length: return QString::number(m.length);
    case Line: {
        // Counted per visible row: a look-up costs at most one block's newline count.
        if (!m_textFile) return QString();
        const auto line = m_lineOf ? m_lineOf(m.offset) : std::nullopt;
        return line ? QString::number(*line) : QStringLiteral("…");
    }
    case Preview: return m_doc ? preview(*m_doc, m, m_encoding) : QString();
    }
    return {};
}

QVariant MatchListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case OffsetHex: return tr("Offset (hex)");
    case OffsetDecimal: return tr("Offset");
    case Length: return tr("Length");
    case Line: return tr("Line");
    case Preview: return tr("Preview");
    }
    return {};
}

} // namespace hexmap
