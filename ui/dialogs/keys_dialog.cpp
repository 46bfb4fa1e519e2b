// SPDX-License-Identifier: MIT
#include "keys_dialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <functional>

namespace hexmap {

namespace {
QString plain(QString text) { return text.remove(QLatin1Char('&')).remove(QStringLiteral("...")); }

QString keysOf(const QAction* a) {
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts()) {
        // Backtab is how X11 spells Shift+Tab; the reference names the keys people press.
        if (k.toString(QKeySequence::PortableText).contains(QStringLiteral("Backtab"))) continue;
        keys << k.toString(QKeySequence::NativeText);
    }
    return keys.join(QStringLiteral(", "));
}
} // namespace

KeysDialog::KeysDialog(const QMenuBar* menus, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Keyboard Reference"));
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName("keysTable");
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Keys"), tr("What")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    // Menus first, in their order, then the keys the views handle themselves.
    std::function<void(const QMenu*, const QString&)> walk = [&](const QMenu* menu, const QString& path) {
        for (const QAction* a : menu->actions()) {
            if (a->isSeparator()) continue;
            if (a->menu()) {
                walk(a->menu(), path + QStringLiteral(" > ") + plain(a->text()));
                continue;
            }
            if (const QString keys = keysOf(a); !keys.isEmpty()) addRow(path, keys, plain(a->text()));
        }
    };
    for (const QAction* top : menus->actions())
        if (top->menu()) walk(top->menu(), plain(top->text()));

    const QString grid = tr("Hex grid");
    addRow(grid, tr("Arrows, Page Up/Down, Home, End"), tr("Move the cursor (with Shift: select)"));
    addRow(grid, tr("Ctrl+Home, Ctrl+End"), tr("The start and the end of the file"));
    addRow(grid, tr("Tab"), tr("Switch between the hex and the text column"));
    addRow(grid, tr("0-9, a-f"), tr("Type hex digits (in the text column: characters)"));
    addRow(grid, tr("Insert"), tr("Insert or overwrite (private mode)"));
    addRow(grid, tr("Delete, Backspace"), tr("Delete a byte in insert mode; Backspace steps back in overwrite"));
    addRow(grid, tr("Mouse wheel, drag"), tr("Scroll; select bytes"));
    const QString lines = tr("Lines view");
    addRow(lines, tr("Arrows, Page Up/Down"), tr("Move by characters, lines and pages (with Shift: select)"));
    addRow(lines, tr("Home, End"), tr("The start and the end of the line"));
    addRow(lines, tr("Ctrl+Home, Ctrl+End"), tr("The start and the end of the file"));
    addRow(lines, tr("e, E"), tr("Next, previous error line (a read-only file; F8, Shift+F8 anywhere)"));
    addRow(lines, tr("w, W"), tr("Next, previous warning line (a read-only file; F7, Shift+F7 anywhere)"));
    const QString compare = tr("Comparison window");
    addRow(compare, tr("F7, Shift+F7"), tr("Next, previous difference (both panes)"));
    addRow(compare, tr("Ctrl+Z, Ctrl+Shift+Z, Ctrl+S"), tr("Undo, redo, save in the pane with the focus"));
    addRow(compare, tr("Ctrl + drop a file"), tr("Compare the current tab's file with the dropped one"));
    m_table->resizeColumnsToContents();

    auto* filter = new QLineEdit(this);
    filter->setObjectName("keysFilter");
    filter->setPlaceholderText(tr("Filter: a key or a word"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            bool match = text.isEmpty();
            for (int c = 0; c < 3 && !match; ++c)
                match = m_table->item(r, c)->text().contains(text, Qt::CaseInsensitive);
            m_table->setRowHidden(r, !match);
        }
    });
    auto* copy = new QPushButton(tr("&Copy All"), this);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(rows().join('\n')); });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filter);
    layout->addWidget(m_table, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(copy);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    resize(760, 560);
}

void KeysDialog::addRow(const QString& where, const QString& keys, const QString& what) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(where));
    m_table->setItem(row, 1, new QTableWidgetItem(keys));
    m_table->setItem(row, 2, new QTableWidgetItem(what));
}

QStringList KeysDialog::rows() const {
    QStringList out;
    for (int r = 0; r < m_table->rowCount(); ++r)
        out << m_table->item(r, 0)->text() + '\t' + m_table->item(r, 1)->text() + '\t' + m_table->item(r, 2)->text();
    return out;
}

} // namespace hexmap
