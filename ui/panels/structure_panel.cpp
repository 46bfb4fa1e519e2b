// SPDX-License-Identifier: MIT
#include "structure_panel.h"

#include "cursor_model.h"
#include "edit_controller.h"
#include "document_model.h"
#include "cursor_model.h"
#include "document_model.h"
#include "edit_controller.h"
#include "hex_view.h"
#include "hex_view.h"
#include "ksy_paths.h"
#include "structure_job.h"
#include "structure_tint.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hexmap {

namespace {
enum Column { Name, ValueColumn, Offset, Size, Type }; // the value second: it stays in view in a narrow dock
constexpr int kRowRole = Qt::UserRole;
} // namespace

StructurePanel::StructurePanel(QWidget* parent) : QWidget(parent), m_tint(std::make_unique<StructureTint>()) {
    m_label = new QLabel(this);
    m_label->setObjectName("structureLabel");
    m_label->setWordWrap(true);
    m_open = new QPushButton(tr("Open Description…"), this);
    m_open->setObjectName("structureOpen");
    m_open->setToolTip(tr("Read this file with a Kaitai Struct description (.ksy). Your own go in %1")
                           .arg(QString::fromStdString(ksy::userFolder())));
    m_choice = new QComboBox(this);
    m_choice->setObjectName("structureChoice");
    m_choice->setToolTip(tr("The description the file is read with: chosen by its magic bytes or its extension, "
                            "or one of those found (yours first)"));
    fillChoices();
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName("structureTree");
    m_tree->setHeaderLabels({tr("Name"), tr("Value"), tr("Offset"), tr("Size"), tr("Type")});
    m_tree->setUniformRowHeights(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_choice, 1);
    buttons->addWidget(m_open);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_label);
    layout->addWidget(m_tree, 1);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &StructurePanel::start);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Kaitai Struct description"),
                                                          QString::fromStdString(ksy::userFolder()),
                                                          tr("Kaitai Struct (*.ksy);;All files (*)"));
        if (!path.isEmpty()) useDescription(path);
    });
    connect(m_choice, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        useDescription(m_choice->itemData(index).toString());
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) { itemChosen(item); });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &StructurePanel::contextMenu);
    connect(m_tree, &QTreeWidget::itemExpanded, this, [this] { fitColumns(); });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int column) {
        // Enter or a double click on a value that can be written: ask for the new one
        if (column != ValueColumn || !m_doc) return;
        const int row = item->data(Name, kRowRole).toInt();
        if (row < 0 || std::size_t(row) >= m_rows.size() || m_rows[std::size_t(row)].edit == ksy::TreeRow::Edit::None) return;
        const ksy::TreeRow& r = m_rows[std::size_t(row)];
        QString hint = tr("%1 (%2, %n byte(s) at 0x%3)", nullptr, int(r.size))
                           .arg(QString::fromStdString(r.path), QString::fromStdString(r.type))
                           .arg(r.offset, 0, 16);
        if (!r.enumValues.empty()) hint += tr("\nA number, or one of the enum's names.");
        QString current = item->text(ValueColumn);
        if (r.edit == ksy::TreeRow::Edit::Text && current.size() >= 2) current = current.mid(1, current.size() - 2);
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Edit Field"), hint, QLineEdit::Normal, current, &ok);
        if (!ok) return;
        if (const UiStatus done = editField(item, text); !done) emit message(done.message());
    });
}

StructurePanel::~StructurePanel() {
    m_job.reset();
    m_exportJob.reset();
    if (m_doc.grid) m_doc.grid->removeHighlightSource(m_tint.get());
}

bool StructurePanel::busy() const {
    return (m_job && m_job->running()) || (m_exportJob && m_exportJob->running()) || m_debounce.isActive();
}

void StructurePanel::exportJson(const QString& path) {
    if (!m_doc || m_shownSpec.isEmpty()) {
        emit message(tr("No structure to export: no description fits this file."));
        return;
    }
    m_exportJob = std::make_unique<StructureJob>(m_doc.model, std::vector<std::string>{m_shownSpec.toStdString()},
                                                 ksy::searchPath(), m_doc.model->fileName().toStdString(),
                                                 path.toStdString());
    connect(m_exportJob.get(), &BackgroundJob::finished, this, [this, path](bool cancelled, const QString& error) {
        if (cancelled) emit message(tr("The export to %1 was stopped (the file changed); export again.").arg(path));
        else if (!error.isEmpty()) emit message(error);
        else emit message(tr("The structure is in %1%2.").arg(path, m_exportJob->mismatch() ? tr(" (with the fields that do not match)") : QString()));
    });
    m_exportJob->start();
}

QString StructurePanel::status() const { return m_label->text(); }

void StructurePanel::setContext(const DocumentContext& context) {
    m_job.reset();
    m_exportJob.reset();
    m_debounce.stop();
    disconnect(m_modelConn);
    disconnect(m_cursorConn);
    disconnect(m_closingConn);
    if (m_doc.grid) m_doc.grid->removeHighlightSource(m_tint.get());
    m_tint->clear();
    m_doc = context;
    m_forced.clear();
    m_shownSpec.clear();
    fillChoices(); // the user may have added descriptions since
    m_choice->setCurrentIndex(0);
    m_tree->clear();
    m_items.clear();
    m_spans.clear();
    m_rows.clear();
    m_label->clear();
    if (!m_doc) return;
    if (m_doc.grid) m_doc.grid->addHighlightSource(m_tint.get(), true);
    m_modelConn = connect(m_doc.model, &DocumentModel::changed, this, [this] {
        if (m_active) m_debounce.start();
    });
    m_cursorConn = connect(m_doc.cursor, &CursorModel::changed, this, [this] {
        if (!m_syncing && m_doc) selectFieldOf(m_doc.cursor->cursor());
    });
    // The job reads this tab's document: it stops before the tab lets go of it.
    m_closingConn = connect(m_doc.model, &DocumentModel::closing, this, [this] { setContext({}); });
    if (m_active) start();
}

void StructurePanel::setActive(bool active) {
    if (active == m_active) return;
    m_active = active;
    if (!active) {
        m_job.reset();
        m_debounce.stop();
        m_tint->clear(); // the tint goes with the dock
        if (m_doc.grid) m_doc.grid->viewport()->update();
        return;
    }
    start();
}

void StructurePanel::fillChoices() {
    const QString current = m_choice->currentData().toString();
    m_choice->clear();
    m_choice->addItem(tr("Automatic (magic or extension)"), QString());
    for (const std::string& p : ksy::listDescriptions(ksy::searchPath()))
        m_choice->addItem(QFileInfo(QString::fromStdString(p)).completeBaseName(), QString::fromStdString(p));
    const int at = m_choice->findData(current);
    m_choice->setCurrentIndex(std::max(0, at));
}

void StructurePanel::useDescription(const QString& path) {
    m_forced = path;
    int at = m_choice->findData(path);
    if (at < 0) {
        // opened from elsewhere: offered in the list from now on
        m_choice->addItem(QFileInfo(path).fileName(), path);
        at = m_choice->count() - 1;
    }
    m_choice->setCurrentIndex(at);
    if (m_doc) start();
}

void StructurePanel::start() {
    m_job.reset();
    if (!m_doc || !m_active) return;
    const std::vector<std::string> path = ksy::searchPath();
    std::vector<std::string> specs;
    if (!m_forced.isEmpty()) specs.push_back(m_forced.toStdString());
    else specs = ksy::listDescriptions(path);
    if (specs.empty()) {
        m_label->setText(tr("No .ksy descriptions found (your own go in %1).").arg(QString::fromStdString(ksy::userFolder())));
        return;
    }
    m_label->setText(tr("Reading the structure…"));
    m_job = std::make_unique<StructureJob>(m_doc.model, specs, path, m_doc.model->fileName().toStdString());
    connect(m_job.get(), &BackgroundJob::finished, this, [this](bool cancelled, const QString& error) {
        if (cancelled) {
            if (m_active) m_debounce.start(); // stopped by an edit: again in a moment
            return;
        }
        if (!error.isEmpty()) {
            m_tree->clear();
            m_items.clear();
            m_spans.clear();
            m_rows.clear();
            m_tint->clear();
            if (m_doc.grid) m_doc.grid->viewport()->update();
            m_label->setText(error);
            emit message(error);
            return;
        }
        showRows();
    });
    m_job->start();
}

void StructurePanel::showRows() {
    const auto& rows = m_job->rows();
    const QString spec = QFileInfo(QString::fromStdString(m_job->specPath())).fileName();
    // keep the expanded paths and the current one across a re-read
    QSet<QString> expanded;
    QString current;
    for (QTreeWidgetItem* it : m_items) {
        if (it->isExpanded()) expanded.insert(it->data(Name, kRowRole + 1).toString());
    }
    if (QTreeWidgetItem* cur = m_tree->currentItem()) current = cur->data(Name, kRowRole + 1).toString();
    m_syncing = true;
    m_tree->clear();
    m_items.clear();
    m_spans.clear();
    m_rows.clear();
    m_tint->clear();
    m_shownSpec.clear();
    if (spec.isEmpty()) {
        if (m_doc.grid) m_doc.grid->viewport()->update();
        m_label->setText(tr("No description fits this file. Open one with “Open Description…”."));
        m_syncing = false;
        return;
    }
    m_rows = rows;
    m_shownSpec = QString::fromStdString(m_job->specPath());
    m_items.reserve(rows.size());
    QFont bad = m_tree->font();
    bad.setItalic(true);
    QTreeWidgetItem* restore = nullptr;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const ksy::TreeRow& r = rows[k];
        auto* item = r.parent < 0 ? new QTreeWidgetItem(m_tree) : new QTreeWidgetItem(m_items[std::size_t(r.parent)]);
        item->setText(Name, QString::fromStdString(r.name));
        item->setText(Type, QString::fromStdString(r.type));
        if (r.located) {
            item->setText(Offset, QStringLiteral("0x%1").arg(r.offset, 0, 16));
            item->setText(Size, QString::number(r.size));
        }
        item->setText(ValueColumn, QString::fromStdString(r.value));
        item->setToolTip(ValueColumn, QString::fromStdString(r.value));
        const QString path = QString::fromStdString(r.path);
        // A narrow dock cuts names and types: whole on hover, with the path to the field.
        item->setToolTip(Name, path);
        item->setToolTip(Type, QString::fromStdString(r.type));
        item->setData(Name, kRowRole, int(k));
        item->setData(Name, kRowRole + 1, path);
        if (r.error) {
            for (int c = 0; c < 5; ++c) item->setFont(c, bad);
            item->setForeground(ValueColumn, palette().brush(QPalette::Link));
        }
        if (r.parent < 0 || expanded.contains(path)) item->setExpanded(r.structure);
        if (!current.isEmpty() && path == current) restore = item;
        m_items.push_back(item);
        m_spans.emplace_back(r.located ? r.offset : 0, r.located ? r.size : 0);
    }
    for (QTreeWidgetItem* it : m_items)
        if (it->parent() == nullptr && it->childCount() > 0) it->setExpanded(true);
    for (QTreeWidgetItem* it : m_items)
        if (expanded.contains(it->data(Name, kRowRole + 1).toString())) it->setExpanded(true);
    if (restore) m_tree->setCurrentItem(restore);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> top;
    // the top-level fields; a top-level array (PNG's chunks, ZIP's sections) by its entries
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const ksy::TreeRow& r = rows[k];
        const bool topArray = r.parent < 0 && r.type.size() > 2 && r.type.compare(r.type.size() - 2, 2, "[]") == 0;
        if (r.parent < 0 && r.located && !topArray) top.emplace_back(r.offset, r.size);
        if (r.parent >= 0 && r.located && rows[std::size_t(r.parent)].parent < 0) {
            const ksy::TreeRow& p = rows[std::size_t(r.parent)];
            if (p.type.size() > 2 && p.type.compare(p.type.size() - 2, 2, "[]") == 0) top.emplace_back(r.offset, r.size);
        }
    }
    m_tint->setSpans(std::move(top));
    if (m_doc.grid) m_doc.grid->viewport()->update();
    fitColumns();
    m_syncing = false;
    m_label->setText(tr("%1 %2").arg(spec, m_job->mismatch() ? tr("— the file does not match it everywhere (fields in italics)")
                                                               : QString()));
}

UiStatus StructurePanel::editField(QTreeWidgetItem* item, const QString& text) {
    if (!m_doc || !item) return UiStatus::failure(tr("No file."));
    const int row = item->data(Name, kRowRole).toInt();
    if (row < 0 || std::size_t(row) >= m_rows.size()) return UiStatus::failure(tr("No such field."));
    // the rows are of the document as it was read: after a change they may be out of place
    if (busy()) return UiStatus::failure(tr("The structure is being read again after a change; edit it in a moment."));
    const ksy::TreeRow& r = m_rows[std::size_t(row)];
    std::string bytes, err;
    if (!ksy::encodeFieldValue(r, text.toStdString(), bytes, err)) return UiStatus::failure(QString::fromStdString(err));
    // one undo step of its own, never joined to a typing run
    m_doc.edit->breakTyping();
    const UiStatus why = m_doc.model->overwrite(r.offset, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    m_doc.edit->breakTyping();
    return why; // the document changed: the tree is read again in a moment
}

void StructurePanel::fitColumns() {
    // a narrow dock: each column as wide as what is shown needs, the name and the value up
    // to two fifths of it each, offset and size a fifth
    const int w = m_tree->viewport()->width();
    for (int c : {Name, ValueColumn, Offset, Size}) {
        m_tree->resizeColumnToContents(c);
        m_tree->setColumnWidth(c, std::min(m_tree->columnWidth(c), std::max(60, c == Offset || c == Size ? w / 5 : w * 2 / 5)));
    }
}

void StructurePanel::itemChosen(QTreeWidgetItem* item) {
    if (m_syncing || !item || !m_doc) return;
    const int row = item->data(Name, kRowRole).toInt();
    if (row < 0 || std::size_t(row) >= m_spans.size()) return;
    const auto [offset, size] = m_spans[std::size_t(row)];
    if (size == 0) return;
    m_syncing = true;
    m_doc.cursor->select(offset, offset + size - 1, CursorModel::Reveal::Center);
    m_syncing = false;
}

void StructurePanel::selectFieldOf(std::uint64_t offset) {
    // the deepest row whose bytes hold the offset: the last such row in display order
    // (children follow their parent); bounded by the rows shown, never the file
    int best = -1;
    std::uint64_t bestSize = ~std::uint64_t(0);
    for (std::size_t k = 0; k < m_spans.size(); ++k) {
        const auto [o, s] = m_spans[k];
        if (s && offset >= o && offset - o < s && s <= bestSize) {
            best = int(k);
            bestSize = s;
        }
    }
    if (best < 0) return;
    m_syncing = true;
    m_tree->setCurrentItem(m_items[std::size_t(best)]);
    m_tree->scrollToItem(m_items[std::size_t(best)]);
    m_syncing = false;
}

void StructurePanel::contextMenu(const QPoint& at) {
    QTreeWidgetItem* item = m_tree->itemAt(at);
    if (!item) return;
    QMenu menu(this);
    menu.addAction(tr("Copy Path"), this, [item] {
        QApplication::clipboard()->setText(item->data(Name, kRowRole + 1).toString());
    });
    menu.addAction(tr("Copy Value"), this, [item] { QApplication::clipboard()->setText(item->text(ValueColumn)); });
    menu.addSeparator();
    menu.addAction(tr("Export the Tree as JSON…"), this, [this] {
        const QString base = m_doc ? QFileInfo(m_doc.model->path()).completeBaseName() : QString("structure");
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the structure as JSON"), base + ".json",
                                                          tr("JSON (*.json)"));
        if (!path.isEmpty()) exportJson(path);
    });
    menu.exec(m_tree->viewport()->mapToGlobal(at));
}

} // namespace hexmap
