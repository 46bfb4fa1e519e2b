// SPDX-License-Identifier: MIT
// StructurePanel: the Structure dock. The current tab's file read with a .ksy description
// (chosen by its magic or extension among the formats shipped and the user's own, or one
// opened with Tools > Structure > Open Description), shown as a tree of fields: name, type,
// offset, size, value. Selecting a field selects its bytes in the grid; moving the cursor
// selects the deepest field under it. Read by a StructureJob while the dock is shown, and
// again a moment after the document changes.
#pragma once

#include "ui_status.h"
#include "document_context.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include "ksy_rows.h"
#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace hexmap {

class StructureJob;
class StructureTint;

class StructurePanel : public QWidget {
    Q_OBJECT
public:
    explicit StructurePanel(QWidget* parent = nullptr);
    ~StructurePanel() override;
    void setContext(const DocumentContext& context);
    void setActive(bool active);
    // Reads the current file with this description from now on ("" goes back to choosing).
    void useDescription(const QString& path);
    QTreeWidget* tree() const { return m_tree; }
    QComboBox* choice() const { return m_choice; }
    const StructureTint& tint() const { return *m_tint; }
    QString status() const;
    // Writes `text` into the field shown at `item` (an integer, an enum's name, or text of
    // a fixed-size string) as one undo step; a failure says why it cannot.
    UiStatus editField(QTreeWidgetItem* item, const QString& text);
    // Writes the whole tree (every entry, as `hexmap parse` prints it) to `path` as JSON on
    // a worker; message() says when it is done.
    void exportJson(const QString& path);
    bool busy() const;
    QSize sizeHint() const override { return {360, 400}; }

signals:
    void message(const QString& text);

private:
    void start();
    void fillChoices();
    void showRows();
    void fitColumns();
    void selectFieldOf(std::uint64_t offset);
    void itemChosen(QTreeWidgetItem* item);
    void contextMenu(const QPoint& at);

    DocumentContext m_doc;
    QLabel* m_label;
    QPushButton* m_open;
    QString m_shownSpec; // the description of the rows shown
    QComboBox* m_choice; // Automatic, then every description in the search path
    QTreeWidget* m_tree;
    std::unique_ptr<StructureJob> m_job;
    std::unique_ptr<StructureJob> m_exportJob;
    std::unique_ptr<StructureTint> m_tint; // the top-level fields in the tab's grid
    QTimer m_debounce;
    bool m_active = false;
    bool m_syncing = false; // the tree follows the cursor: do not move the cursor back
    QString m_forced;       // a description the user chose for this tab
    std::vector<QTreeWidgetItem*> m_items; // by row
    std::vector<ksy::TreeRow> m_rows;      // what each row shows, and how to write it back
    std::vector<std::pair<std::uint64_t, std::uint64_t>> m_spans; // each row's bytes (size 0: none)
    QMetaObject::Connection m_modelConn, m_cursorConn, m_closingConn;
};

} // namespace hexmap
