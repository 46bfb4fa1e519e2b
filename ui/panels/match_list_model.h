// SPDX-License-Identifier: MIT
// MatchListModel: the results of a find-all, for the results panel. It holds only the
// matches themselves, in a MatchStore (4 bytes each for a literal's), linked in as the
// search's worker fills them; every cell's text, the preview included, is made when the
// view asks for it, so a million results cost nothing until they are shown.
#pragma once

#include "match_store.h"
#include "pattern.h"
#include "searcher.h"

#include <QAbstractTableModel>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace hexmap {

class Document;

class MatchListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { OffsetHex, OffsetDecimal, Length, Line, Preview, ColumnCount };
    // The list shows the first million matches: a table view's cost grows with its rows
    // (selection ranges, the scroll bar's range, a header that once sized each row) and
    // nobody reads a million rows. The count, F3, the highlights and the overview cover all.
    static constexpr std::size_t kMaxRows = 1'000'000;

    explicit MatchListModel(QObject* parent = nullptr);

    // The document the previews are read from (not owned), or nullptr.
    void setDocument(const Document* document);
    // How a text search's matches are encoded: a UTF-16 match is previewed as the UTF-16
    // line around it, not as hex.
    void setTextEncoding(TextEncoding encoding) { m_encoding = encoding; }
    // Whether a line number means something here: the file's first 64 KiB look like text
    // (looked at again when the results are cleared for a new search). A binary file's
    // "line 3,412" is only a count of 0x0a bytes.
    bool showsLines() const { return m_textFile; }
    // Where line numbers come from (1-based line of an offset; nullopt while counting).
    void setLineSource(std::function<std::optional<std::uint64_t>(std::uint64_t)> lineOf);
    void clear();
    // Drops every match at or after offset (a growing file's last line is searched again).
    void truncateFrom(std::uint64_t offset);
    // An insert or delete at `start` moved the bytes after it by `delta` (offset_shift.h).
    void shift(std::uint64_t start, std::int64_t delta);
    // Appends matches that come after every match already held: the chunks a search's
    // worker filled, linked in without a copy.
    void append(const MatchChunks& chunks);
    void append(const std::vector<Match>& matches);

    const MatchStore& matches() const { return m_matches; }
    Match at(int row) const { return m_matches[static_cast<std::size_t>(row)]; }
    // Index of the first match at or after offset (matches().size() when none).
    std::size_t lowerBound(std::uint64_t offset) const { return m_matches.lowerBound(offset); }

    // How the preview shows the bytes around a match: the line around it for text, the
    // bytes around it in hex otherwise.
    static QString preview(const Document& document, const Match& match, TextEncoding encoding = TextEncoding::Utf8);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Document* m_doc = nullptr;
    std::function<std::optional<std::uint64_t>(std::uint64_t)> m_lineOf;
    MatchStore m_matches;
    // Runs add(), which appends `count` matches, inside the rows' insertion notice.
    template <class Add> void appendRows(std::size_t count, Add add);
    TextEncoding m_encoding = TextEncoding::Utf8;
    bool m_textFile = true;
    void sampleDocument();
};

} // namespace hexmap
