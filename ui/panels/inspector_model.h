// SPDX-License-Identifier: MIT
// InspectorModel: the data inspector's table — the bytes at the cursor as every ValueType
// (value_codec.h), one row each, in one byte order for all (remembered). Values are decoded
// when the view asks for a row, from at most 16 bytes at the cursor: a cursor move costs a
// dataChanged(), never a walk. Editing a value writes its bytes at the cursor as one undo
// step through the DocumentModel (refused with the reason in read-only mode, when locked,
// or while a worker reads).
#pragma once

#include "value_codec.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QPointer>

namespace hexmap {

class CursorModel;
class DocumentModel;

class InspectorModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Type, Value, ColumnCount };

    explicit InspectorModel(QObject* parent = nullptr);

    // What to inspect (either may be nullptr: an empty table).
    void attach(DocumentModel* model, CursorModel* cursor);
    void setBigEndian(bool big);
    bool bigEndian() const { return m_bigEndian; }
    ValueType typeAt(int row) const { return allValueTypes()[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    // A value could not be written: the reason.
    void refused(const QString& reason);

private:
    void refresh();

    QPointer<DocumentModel> m_model;
    QPointer<CursorModel> m_cursor;
    bool m_bigEndian = false;
    // The font of the values, looked up once: the table asks for it for every cell it
    // paints, and asking the platform each time was most of the cost of a cursor move.
    mutable QFont m_font;
    QMetaObject::Connection m_modelConn, m_cursorConn;
};

} // namespace hexmap
