// SPDX-License-Identifier: MIT
#include "inspector_panel.h"

#include "inspector_model.h"
#include "plain_text_delegate.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace hexmap {

InspectorPanel::InspectorPanel(InspectorModel* model, QWidget* parent) : QWidget(parent) {
    m_table = new QTableView(this);
    m_table->setObjectName("inspectorView");
    m_table->setModel(model);
    m_table->setItemDelegate(new PlainTextDelegate(m_table));
    m_table->verticalHeader()->hide();
    // The type names whole (a narrow dock cuts the values, which show whole on hover).
    m_table->horizontalHeader()->setSectionResizeMode(InspectorModel::Type, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    // Enter edits the current value (F2, the platform's edit key, is Next Bookmark here).
    connect(m_table, &QAbstractItemView::activated, m_table, [this](const QModelIndex& index) {
        m_table->edit(index.siblingAtColumn(InspectorModel::Value));
    });
    m_bigEndian = new QCheckBox(tr("&Big-endian"), this);
    m_bigEndian->setObjectName("inspectorBigEndian");
    m_bigEndian->setChecked(model->bigEndian());
    connect(m_bigEndian, &QCheckBox::toggled, model, &InspectorModel::setBigEndian);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_bigEndian);
    layout->addWidget(m_table, 1);
}

} // namespace hexmap
