// SPDX-License-Identifier: MIT
// MatchListModel: the results of a find-all, for the results panel. It holds only the
// matches themselves (16 bytes each); every cell's text, the preview included, is made
// when the view asks for it, so a million results cost nothing until they are shown.
#pragma once

#include "searcher.h"

#include <QAbstractTableModel>
#include <functional>
#include <optional>
#include <vector>

namespace hexmap {

class Document;

class MatchListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { OffsetHex, OffsetDecimal, Length, Line, Preview, ColumnCount };

    explicit MatchListModel(QObject* parent = nullptr);

    // The document the previews are read from (not owned), or nullptr.
    void setDocument(const Document* document);
    // Where line numbers come from (1-based line of an offset; nullopt while counting).
    void setLineSource(std::function<std::optional<std::uint64_t>(std::uint64_t)> lineOf);
    void clear();
    // Drops every match at or after offset (a growing file's last line is searched again).
    void truncateFrom(std::uint64_t offset);
    // An insert or delete at `start` moved the bytes after it by `delta` (offset_shift.h).
    void shift(std::uint64_t start, std::int64_t delta);
    // Appends matches that come after every match already held.
    void append(const std::vector<Match>& matches);

    const std::vector<Match>& matches() const { return m_matches; }
    const Match& at(int row) const { return m_matches[static_cast<std::size_t>(row)]; }
    // Index of the first match at or after offset (matches().size() when none).
    std::size_t lowerBound(std::uint64_t offset) const;

    // How the preview shows the bytes around a match: the line around it for text, the
    // bytes around it in hex otherwise.
    static QString preview(const Document& document, const Match& match);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Document* m_doc = nullptr;
    std::function<std::optional<std::uint64_t>(std::uint64_t)> m_lineOf;
    std::vector<Match> m_matches;
};

} // namespace hexmap
