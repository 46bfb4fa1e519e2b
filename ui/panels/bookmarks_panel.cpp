// SPDX-License-Identifier: MIT
#include "bookmarks_panel.h"

#include "bookmark_model.h"
#include "document_model.h"
#include "cursor_model.h"

#include <QColorDialog>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace hexmap {

BookmarksPanel::BookmarksPanel(QWidget* parent) : QWidget(parent) {
    m_table = new QTableView(this);
    m_table->setObjectName("bookmarkView");
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const char* name, auto fn) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        connect(b, &QPushButton::clicked, this, fn);
        buttons->addWidget(b);
    };
    button(tr("&Rename"), "bookmarkRename", [this] {
        if (currentRow() >= 0) editName(currentRow());
    });
    button(tr("C&olour..."), "bookmarkColour", [this] {
        const int row = currentRow();
        if (row < 0 || !m_doc.bookmarks) return;
        const QColor c = QColorDialog::getColor(m_doc.bookmarks->at(row).color, this, tr("Bookmark colour"));
        if (c.isValid()) m_doc.bookmarks->setColor(row, c);
    });
    button(tr("&Delete"), "bookmarkDelete", [this] {
        if (m_doc.bookmarks && currentRow() >= 0) m_doc.bookmarks->remove(currentRow());
    });
    buttons->addStretch(1);
    button(tr("E&xport..."), "bookmarkExport", [this] { exportBookmarks(); });
    button(tr("&Import..."), "bookmarkImport", [this] { importBookmarks(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    auto* del = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, [this] {
        if (m_doc.bookmarks && currentRow() >= 0) m_doc.bookmarks->remove(currentRow());
    });
    connect(m_table->itemDelegate(), &QAbstractItemDelegate::closeEditor, this, [this] {
        if (m_returnFocus) m_doc.returnFocus();
        m_returnFocus = false;
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (!m_doc.bookmarks || !index.isValid()) return;
        if (index.column() == BookmarkModel::Name) return editName(index.row());
        const Bookmark b = m_doc.bookmarks->at(index.row());
        const std::uint64_t size = m_doc.model->size();
        if (b.offset < size) m_doc.cursor->select(b.offset, std::min(size - 1, b.offset + b.length - 1), CursorModel::Reveal::Center);
        m_doc.returnFocus();
    });
}

void BookmarksPanel::setContext(const DocumentContext& context) {
    if (m_table->model()) disconnect(m_table->model(), nullptr, this, nullptr);
    m_doc = context;
    const bool tab = m_doc && m_doc.bookmarks;
    m_table->setModel(tab ? m_doc.bookmarks.data() : nullptr);
    if (tab) // offsets grow as bookmarks are added further in: keep them whole
        connect(m_doc.bookmarks, &QAbstractItemModel::rowsInserted, this, [this] {
            m_table->resizeColumnToContents(BookmarkModel::Offset);
        });
    if (tab) {
        m_table->horizontalHeader()->setSectionResizeMode(BookmarkModel::Offset, QHeaderView::ResizeToContents);
        m_table->horizontalHeader()->setSectionResizeMode(BookmarkModel::Length, QHeaderView::ResizeToContents);
    }
}

int BookmarksPanel::currentRow() const {
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void BookmarksPanel::showBookmark(std::uint64_t offset, std::uint64_t length) {
    if (!m_doc.bookmarks) return;
    const BookmarkModel& model = *m_doc.bookmarks;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.at(row).offset != offset || model.at(row).length != length) continue;
        const QModelIndex index = model.index(row, BookmarkModel::Name);
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index);
        return;
    }
}

void BookmarksPanel::editName(int row, bool returnFocus) {
    if (!m_doc.bookmarks || row < 0) return;
    m_returnFocus = returnFocus;
    const QModelIndex index = m_doc.bookmarks->index(row, BookmarkModel::Name);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    m_table->edit(index);
}

QString BookmarksPanel::askPath(bool save) {
    if (m_prompt) return m_prompt(save);
    const QString suggested = m_doc.model ? m_doc.model->path() + ".bookmarks.json" : QString();
    return save ? QFileDialog::getSaveFileName(this, tr("Export bookmarks"), suggested, tr("JSON (*.json)"))
                : QFileDialog::getOpenFileName(this, tr("Import bookmarks"), suggested, tr("JSON (*.json)"));
}

void BookmarksPanel::exportBookmarks() {
    if (!m_doc.bookmarks) return;
    const QString path = askPath(true);
    if (path.isEmpty()) return;
    const UiStatus done = m_doc.bookmarks->exportTo(path);
    emit message(done ? tr("%n bookmark(s) exported to %1.", nullptr, m_doc.bookmarks->rowCount()).arg(path)
                      : done.message());
}

void BookmarksPanel::importBookmarks() {
    if (!m_doc.bookmarks) return;
    const QString path = askPath(false);
    if (path.isEmpty()) return;
    int added = 0;
    const UiStatus done = m_doc.bookmarks->importFrom(path, &added);
    emit message(done ? tr("%n bookmark(s) imported.", nullptr, added) : done.message());
}

} // namespace hexmap
