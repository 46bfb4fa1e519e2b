// SPDX-License-Identifier: MIT
// BookmarkModel: one file's bookmarks, in offset order, as a table for the Bookmarks panel
// (offset, length, name, preview; the name is edited in place) and as a HighlightSource that
// tints them in both views. Every change is written at once to the file's store
// (bookmark_store), so bookmarks survive a crash as well as a quit.
#pragma once

#include "ui_status.h"
#include "bookmark_store.h"
#include "highlight.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace hexmap {

class DocumentModel;

class BookmarkModel : public QAbstractTableModel, public HighlightSource {
    Q_OBJECT
public:
    enum Column { Offset, Length, Name, Preview, ColumnCount };

    // Loads the bookmarks kept for the file `model` shows.
    explicit BookmarkModel(const DocumentModel* model, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

    const std::vector<Bookmark>& bookmarks() const { return m_bookmarks; }
    const Bookmark& at(int row) const { return m_bookmarks[static_cast<std::size_t>(row)]; }
    // Adds one (a colour from a rotating set and "Bookmark N" when none is given); its row.
    int add(std::uint64_t offset, std::uint64_t length, const QString& name = {}, const QColor& color = {});
    void remove(int row);
    // An insert or delete moved the bytes after `start` by `delta`: every bookmark follows
    // its bytes (one inside a deleted stretch keeps at least its first byte's place).
    void shift(std::uint64_t start, std::int64_t delta);
    void rename(int row, const QString& name);
    void setColor(int row, const QColor& color);
    // The first bookmark starting after / the last starting before `offset`, wrapping round.
    std::optional<Bookmark> next(std::uint64_t offset) const;
    std::optional<Bookmark> previous(std::uint64_t offset) const;

    // A failure says why not.
    UiStatus exportTo(const QString& path) const;
    // Adds the file's bookmarks (those already here and those past the end are skipped):
    // A failure says why not; *added says how many came in.
    UiStatus importFrom(const QString& path, int* added = nullptr);
    // The colours new bookmarks take in turn.
    static std::vector<QColor> presetColors();
    // How a bookmark of colour `c` is tinted under text on the palette's base.
    static QColor tint(const QColor& c, const GridColors& colors);
    // Where they are kept (empty when the file could not be identified).
    QString storePath() const { return m_store; }

    void collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                 std::vector<Highlight>& out) const override;

signals:
    // Bookmarks were added, removed or recoloured: views and the strip repaint.
    void changed();

private:
    mutable std::vector<std::uint8_t> m_scratch; // previews that cross pieces
    void save() const;
    int insertSorted(const Bookmark& b);

    const DocumentModel* m_model;
    QString m_store;
    std::vector<Bookmark> m_bookmarks;
    int m_added = 0; // for the default names and colours
};

} // namespace hexmap
