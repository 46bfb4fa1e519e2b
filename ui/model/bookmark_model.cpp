// SPDX-License-Identifier: MIT
#include "bookmark_model.h"

#include "offset_shift.h"

#include "byte_format.h"
#include "document_model.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringList>
#include <algorithm>

namespace hexmap {

namespace {
// Distinct hues; each is mixed into the palette's base when drawn, so any works on either.
const QColor kColors[] = {QColor(80, 160, 255), QColor(60, 200, 90), QColor(200, 90, 230),
                          QColor(255, 150, 40), QColor(240, 70, 90), QColor(30, 200, 200)};
} // namespace

std::vector<QColor> BookmarkModel::presetColors() { return {std::begin(kColors), std::end(kColors)}; }

QColor BookmarkModel::tint(const QColor& c, const GridColors& colors) {
    return GridColors::mix(colors.base, c, colors.base.lightness() < 128 ? 0.40 : 0.35);
}

BookmarkModel::BookmarkModel(const DocumentModel* model, QObject* parent)
    : QAbstractTableModel(parent), m_model(model) {
    const QString key = bookmark_store::fileKey(model->rawPath());
    if (key.isEmpty()) return;
    m_store = bookmark_store::storePath(key);
    QFile f(m_store);
    if (!f.open(QIODevice::ReadOnly)) return;
    QString error;
    if (auto list = bookmark_store::fromJson(f.readAll(), &error)) {
        for (const Bookmark& b : *list) insertSorted(b);
        m_added = static_cast<int>(m_bookmarks.size());
    }
}

int BookmarkModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_bookmarks.size());
}

int BookmarkModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BookmarkModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Bookmark& b = at(index.row());
    if (role == Qt::DecorationRole && index.column() == Name) return b.color;
    if (role == Qt::TextAlignmentRole && index.column() <= Length)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    // A narrow dock cuts the name: the whole of it, and where it lies, on hover.
    if (role == Qt::ToolTipRole)
        return tr("%1\n%2 bytes at 0x%3").arg(b.name).arg(b.length).arg(b.offset, 0, 16);
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    switch (index.column()) {
    case Offset: return QStringLiteral("0x") + QString::number(b.offset, 16);
    case Length: return QString::number(b.length);
    case Name: return b.name;
    case Preview: {
        // The first bytes, read from the mapping: at most 8, never past the end.
        if (b.offset >= m_model->size()) return tr("(past the end)");
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>({b.length, 8, m_model->size() - b.offset}));
        return QString::fromStdString(formatHex(m_model->view().bytes(b.offset, n, m_scratch).data(), n)) + (b.length > 8 ? " …" : "");
    }
    default: return {};
    }
}

QVariant BookmarkModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Offset: return tr("Offset");
    case Length: return tr("Length");
    case Name: return tr("Name");
    case Preview: return tr("Bytes");
    default: return {};
    }
}

Qt::ItemFlags BookmarkModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name) f |= Qt::ItemIsEditable;
    return f;
}

bool BookmarkModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || index.column() != Name || index.row() >= rowCount()) return false;
    rename(index.row(), value.toString());
    return true;
}

int BookmarkModel::insertSorted(const Bookmark& b) {
    const auto it = std::upper_bound(m_bookmarks.begin(), m_bookmarks.end(), b,
                                     [](const Bookmark& x, const Bookmark& y) { return x.offset < y.offset; });
    const int row = static_cast<int>(it - m_bookmarks.begin());
    beginInsertRows({}, row, row);
    m_bookmarks.insert(it, b);
    endInsertRows();
    return row;
}

int BookmarkModel::add(std::uint64_t offset, std::uint64_t length, const QString& name, const QColor& color) {
    Bookmark b{offset, std::max<std::uint64_t>(1, length), name, color};
    if (b.name.isEmpty()) b.name = tr("Bookmark %1").arg(m_added + 1);
    if (!b.color.isValid()) b.color = kColors[m_added % std::size(kColors)];
    ++m_added;
    const int row = insertSorted(b);
    save();
    emit changed();
    return row;
}

void BookmarkModel::shift(std::uint64_t start, std::int64_t delta) {
    bool moved = false;
    for (Bookmark& b : m_bookmarks) {
        const std::uint64_t s = shiftOffset(b.offset, start, delta);
        const std::uint64_t e = shiftOffset(b.offset + b.length, start, delta);
        const std::uint64_t len = std::max<std::uint64_t>(1, e > s ? e - s : 0);
        if (s == b.offset && len == b.length) continue;
        b.offset = s;
        b.length = len;
        moved = true;
    }
    if (!moved) return;
    // Shifting keeps the order (offsets only move apart or together).
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    save();
    emit changed();
}

void BookmarkModel::remove(int row) {
    if (row < 0 || row >= rowCount()) return;
    beginRemoveRows({}, row, row);
    m_bookmarks.erase(m_bookmarks.begin() + row);
    endRemoveRows();
    save();
    emit changed();
}

void BookmarkModel::rename(int row, const QString& name) {
    if (row < 0 || row >= rowCount()) return;
    m_bookmarks[static_cast<std::size_t>(row)].name = name;
    emit dataChanged(index(row, Name), index(row, Name));
    save();
}

void BookmarkModel::setColor(int row, const QColor& color) {
    if (row < 0 || row >= rowCount() || !color.isValid()) return;
    m_bookmarks[static_cast<std::size_t>(row)].color = color;
    emit dataChanged(index(row, Name), index(row, Name));
    save();
    emit changed();
}

std::optional<Bookmark> BookmarkModel::next(std::uint64_t offset) const {
    if (m_bookmarks.empty()) return std::nullopt;
    for (const Bookmark& b : m_bookmarks)
        if (b.offset > offset) return b;
    return m_bookmarks.front(); // wrap round
}

std::optional<Bookmark> BookmarkModel::previous(std::uint64_t offset) const {
    if (m_bookmarks.empty()) return std::nullopt;
    for (auto it = m_bookmarks.rbegin(); it != m_bookmarks.rend(); ++it)
        if (it->offset < offset) return *it;
    return m_bookmarks.back();
}

void BookmarkModel::save() const {
    if (m_store.isEmpty()) return;
    if (m_bookmarks.empty()) {
        QFile::remove(m_store);
        return;
    }
    QDir().mkpath(QFileInfo(m_store).absolutePath());
    QSaveFile f(m_store); // a crash mid-write leaves the old list, not half a file
    if (!f.open(QIODevice::WriteOnly)) return;
    f.write(bookmark_store::toJson(m_bookmarks, m_model->path()));
    f.commit();
}

UiStatus BookmarkModel::exportTo(const QString& path) const {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return UiStatus::failure(tr("Cannot write \"%1\": %2").arg(path, f.errorString()));
    f.write(bookmark_store::toJson(m_bookmarks, m_model->path()));
    if (!f.commit()) return UiStatus::failure(tr("Cannot write \"%1\": %2").arg(path, f.errorString()));
    return {};
}

UiStatus BookmarkModel::importFrom(const QString& path, int* added) {
    if (added) *added = 0;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return UiStatus::failure(tr("Cannot read \"%1\": %2").arg(path, f.errorString()));
    QString error;
    const auto list = bookmark_store::fromJson(f.readAll(), &error);
    if (!list) return UiStatus::failure(tr("\"%1\" is not a bookmark list: %2").arg(path, error));
    // Every bookmark must lie within the file: refuse the whole list, naming each that does
    // not, rather than import part of it and count that as success.
    QStringList outside;
    int index = 0;
    for (const Bookmark& b : *list) {
        ++index;
        if (b.offset >= m_model->size() || b.length > m_model->size() - b.offset)
            outside << tr("bookmark %1 (offset %2, length %3)").arg(index).arg(b.offset).arg(b.length);
    }
    if (!outside.isEmpty())
        return UiStatus::failure(tr("Nothing was imported from \"%1\": %2 %3 past the end of the file (%4 bytes).")
            .arg(path, outside.join(QStringLiteral(", ")),
                 outside.size() == 1 ? tr("runs") : tr("run"))
            .arg(m_model->size()));
    int n = 0;
    for (const Bookmark& b : *list) {
        const bool have = std::any_of(m_bookmarks.begin(), m_bookmarks.end(), [&](const Bookmark& x) {
            return x.offset == b.offset && x.length == b.length;
        });
        if (have) continue;
        Bookmark copy = b;
        if (!copy.color.isValid()) copy.color = kColors[m_added % std::size(kColors)];
        ++m_added;
        insertSorted(copy);
        ++n;
    }
    if (added) *added = n;
    save();
    emit changed();
    return {};
}

void BookmarkModel::collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                            std::vector<Highlight>& out) const {
    // Sorted by start: stop at the first that starts past the view. Long bookmarks that
    // start far before it are few; they are checked by their end.
    for (const Bookmark& b : m_bookmarks) {
        if (b.offset >= end) break;
        if (b.offset + b.length <= first) continue;
        out.push_back({b.offset, b.offset + b.length, tint(b.color, colors)});
    }
}

} // namespace hexmap
