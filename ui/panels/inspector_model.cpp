// SPDX-License-Identifier: MIT
#include "inspector_model.h"

#include "cursor_model.h"
#include "document_model.h"

#include <QFontDatabase>
#include <QSettings>

namespace hexmap {

InspectorModel::InspectorModel(QObject* parent) : QAbstractTableModel(parent) {
    m_bigEndian = QSettings().value("inspector/bigEndian", false).toBool();
}

void InspectorModel::attach(DocumentModel* model, CursorModel* cursor) {
    disconnect(m_modelConn);
    disconnect(m_cursorConn);
    m_model = model;
    m_cursor = cursor;
    if (model) m_modelConn = connect(model, &DocumentModel::changed, this, &InspectorModel::refresh);
    if (cursor) m_cursorConn = connect(cursor, &CursorModel::changed, this, &InspectorModel::refresh);
    refresh();
}

void InspectorModel::setBigEndian(bool big) {
    if (big == m_bigEndian) return;
    m_bigEndian = big;
    QSettings().setValue("inspector/bigEndian", big);
    refresh();
}

void InspectorModel::refresh() {
    emit dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

int InspectorModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(allValueTypes().size());
}

int InspectorModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant InspectorModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const ValueType type = typeAt(index.row());
    if (index.column() == Type) {
        if (role == Qt::DisplayRole) return QString::fromStdString(valueTypeName(type));
        return {};
    }
    if (role == Qt::FontRole) {
        if (m_font.family().isEmpty()) m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return m_font;
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole) return {};
    if (!m_model || !m_cursor || m_model->size() == 0) return {};
    const std::uint64_t at = m_cursor->cursor();
    const std::uint64_t left = m_model->size() - at;
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, 16));
    std::string why;
    std::uint8_t buf[16];
    const std::size_t got = m_model->view().read(at, buf, n);
    const auto v = decodeValue(type, buf, got, m_bigEndian, &why);
    if (!v) return role == Qt::EditRole ? QString() : QStringLiteral("(%1)").arg(QString::fromStdString(why));
    if (role == Qt::EditRole) {
        // What the editor starts from: the value alone, without notes in parentheses.
        QString text = QString::fromStdString(v->text);
        if (type == ValueType::SLeb128 || type == ValueType::ULeb128 || type == ValueType::Utf8)
            text = text.left(text.indexOf(" ("));
        if (type == ValueType::Ascii || type == ValueType::Utf16) text = text.section(' ', 0, 0);
        return text;
    }
    return QString::fromStdString(v->text);
}

QVariant InspectorModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == Type ? tr("Type") : tr("Value");
}

Qt::ItemFlags InspectorModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Value && m_model && m_model->size() > 0) f |= Qt::ItemIsEditable;
    return f;
}

bool InspectorModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || index.column() != Value || !m_model || !m_cursor) return false;
    const ValueType type = typeAt(index.row());
    auto bytes = encodeValue(type, value.toString().toStdString(), m_bigEndian);
    if (!bytes) {
        emit refused(QString::fromStdString(bytes.error().message));
        return false;
    }
    const std::uint64_t at = m_cursor->cursor();
    if (at + bytes.value().size() > m_model->size()) {
        emit refused(tr("The %1 bytes of this value would run past the end of the file.").arg(bytes.value().size()));
        return false;
    }
    const UiStatus done = m_model->overwrite(at, bytes.value().data(), bytes.value().size());
    if (!done) emit refused(done.message());
    return done.ok();
}

} // namespace hexmap
