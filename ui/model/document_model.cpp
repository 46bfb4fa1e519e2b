// SPDX-License-Identifier: MIT
#include "document_model.h"

#include "damage_notifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdlib>

namespace hexmap {

namespace {
std::string bytes(const QByteArray& raw) { return raw.toStdString(); }

// A path as bytes with "." and symlinks resolved (realpath), or made absolute when the
// file does not exist.
QByteArray canonical(const QByteArray& raw) {
    if (char* real = ::realpath(raw.constData(), nullptr)) {
        QByteArray out(real);
        std::free(real);
        return out;
    }
    if (raw.startsWith('/')) return raw;
    return QFile::encodeName(QDir::currentPath()) + '/' + raw;
}
} // namespace

Result<std::unique_ptr<DocumentModel>> DocumentModel::open(const QByteArray& rawPath, OpenMode mode) {
    auto doc = Document::open(bytes(rawPath), mode);
    if (!doc) return doc.error();
    auto owned = std::make_unique<Document>(std::move(doc).value());
    return std::unique_ptr<DocumentModel>(new DocumentModel(std::move(owned), rawPath));
}

Result<std::unique_ptr<DocumentModel>> DocumentModel::open(const QString& path, OpenMode mode) {
    return open(QFile::encodeName(path), mode);
}

DocumentModel::DocumentModel(std::unique_ptr<Document> doc, QByteArray rawPath)
    : m_doc(std::move(doc)), m_rawPath(std::move(rawPath)), m_path(QFile::decodeName(m_rawPath)) {
    qRegisterMetaType<hexmap::DocumentChange>();
    // A page of this file (or another's: each model looks at its own) was cut off and
    // replaced by zeros: the fault guard's eventfd says so on the GUI thread.
    connect(&DamageNotifier::instance(), &DamageNotifier::faultAbsorbed, this, &DocumentModel::noteDamage);
}

DocumentModel::~DocumentModel() {
    // Workers read the mapping: they stop, and let go, before it is unmapped.
    m_doc->stopReaders();
}

QString DocumentModel::fileName() const { return QFileInfo(m_path).fileName(); }

QByteArray DocumentModel::canonicalPath() const { return canonical(m_rawPath); }

void DocumentModel::notify(unsigned what, std::uint64_t start, std::uint64_t end, std::int64_t delta) {
    if (m_doc->damaged() && !m_damageNoted) {
        m_damageNoted = true;
        what |= DocumentChange::Damaged;
    }
    emit changed(DocumentChange{what, start, end, delta});
}

UiStatus DocumentModel::overwrite(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                                 Document::EditKind kind) {
    const bool wasModified = m_doc->isModified();
    if (UiStatus e = UiStatus::fromCore(m_doc->overwrite(offset, bytes, n, kind)); !e) return e;
    notify(DocumentChange::Bytes | (wasModified ? 0u : unsigned(DocumentChange::Modified)), offset,
           offset + n);
    return {};
}

UiStatus DocumentModel::fill(std::uint64_t start, std::uint64_t length,
                            const std::vector<std::uint8_t>& pattern) {
    if (UiStatus e = UiStatus::fromCore(m_doc->fill(start, length, pattern)); !e) return e;
    notify(DocumentChange::Bytes | DocumentChange::Modified, start, start + length);
    return {};
}

UiStatus DocumentModel::replaceAll(const std::vector<std::uint64_t>& offsets,
                                  const std::uint8_t* bytes, std::size_t n) {
    if (UiStatus e = UiStatus::fromCore(m_doc->replaceAll(offsets, bytes, n)); !e) return e;
    if (!offsets.empty())
        notify(DocumentChange::Bytes | DocumentChange::Modified, offsets.front(),
               offsets.back() + n);
    return {};
}

UiStatus DocumentModel::insert(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                              Document::EditKind kind) {
    const std::uint64_t before = m_doc->size();
    if (UiStatus e = UiStatus::fromCore(m_doc->insert(offset, bytes, n, kind)); !e) return e;
    if (n > 0)
        notify(DocumentChange::Bytes | DocumentChange::Size | DocumentChange::Shifted |
                   DocumentChange::Modified,
               offset, m_doc->size(), static_cast<std::int64_t>(m_doc->size() - before));
    return {};
}

UiStatus DocumentModel::erase(std::uint64_t offset, std::uint64_t n, Document::EditKind kind) {
    const std::uint64_t before = m_doc->size();
    if (UiStatus e = UiStatus::fromCore(m_doc->erase(offset, n, kind)); !e) return e;
    if (m_doc->size() != before)
        notify(DocumentChange::Bytes | DocumentChange::Size | DocumentChange::Shifted |
                   DocumentChange::Modified,
               offset, before, -static_cast<std::int64_t>(before - m_doc->size()));
    return {};
}

QString DocumentModel::lengthEditBlocker() const {
    const std::string why = m_doc->lengthEditBlocker();
    return why.empty() ? editBlocker() : QString::fromStdString(why);
}

UiStatus DocumentModel::undo() { return stepHistory(false); }
UiStatus DocumentModel::redo() { return stepHistory(true); }

UiStatus DocumentModel::stepHistory(bool forward) {
    const std::uint64_t before = m_doc->size();
    if (UiStatus e = UiStatus::fromCore(forward ? m_doc->redo() : m_doc->undo()); !e) return e;
    const auto [first, end] = m_doc->lastStepRange();
    unsigned what = DocumentChange::Bytes | DocumentChange::Modified;
    const std::uint64_t after = m_doc->size();
    if (m_doc->lastStepShifted()) {
        // An insert or delete undone or redone: the bytes after it moved back or again.
        what |= DocumentChange::Shifted;
        if (after != before) what |= DocumentChange::Size;
        notify(what, first, end,
               after >= before ? static_cast<std::int64_t>(after - before) : -static_cast<std::int64_t>(before - after));
        return {};
    }
    if (after != before) what |= DocumentChange::Size | DocumentChange::Mapping;
    notify(what, first, end);
    return {};
}

UiStatus DocumentModel::resize(std::uint64_t newSize) {
    const std::uint64_t before = m_doc->size();
    if (UiStatus e = UiStatus::fromCore(m_doc->resize(newSize)); !e) return e;
    if (newSize != before)
        notify(DocumentChange::Bytes | DocumentChange::Size | DocumentChange::Mapping |
                   DocumentChange::Modified,
               std::min(before, newSize), std::max(before, newSize));
    return {};
}

UiStatus DocumentModel::save(bool cutAppended) {
    const std::uint64_t before = m_doc->size();
    if (UiStatus e = UiStatus::fromCore(m_doc->save(cutAppended)); !e) return e;
    // A private save maps the file afresh (its copy-on-write pages are written now), and
    // takes on what another process appended meanwhile.
    const std::uint64_t after = m_doc->size();
    if (after > before)
        notify(DocumentChange::Modified | DocumentChange::Mapping | DocumentChange::Bytes |
                   DocumentChange::Size | DocumentChange::Grew,
               before, after);
    else
        notify(DocumentChange::Modified | DocumentChange::Mapping);
    return {};
}

QByteArray DocumentModel::encodePath(const QString& chosen) const {
    const QString absolute = QFileInfo(chosen).absoluteFilePath();
    if (absolute == QFileInfo(m_path).absoluteFilePath()) {
        // The suggestion itself: this file's own bytes, made absolute.
        if (m_rawPath.startsWith('/')) return m_rawPath;
        return QFile::encodeName(QDir::currentPath()) + '/' + m_rawPath;
    }
    const int slash = m_rawPath.lastIndexOf('/');
    QByteArray rawFolder = slash >= 0 ? m_rawPath.left(slash) : QFile::encodeName(QDir::currentPath());
    if (!rawFolder.startsWith('/')) rawFolder = QFile::encodeName(QDir::currentPath()) + '/' + rawFolder;
    const QString folder = QFileInfo(QFile::decodeName(rawFolder)).absoluteFilePath() + '/';
    if (absolute.startsWith(folder))
        return rawFolder + '/' + QFile::encodeName(absolute.mid(folder.size()));
    return QFile::encodeName(absolute);
}

UiStatus DocumentModel::revert() {
    const std::uint64_t before = m_doc->size();
    if (UiStatus e = UiStatus::fromCore(m_doc->revert()); !e) return e;
    notify(DocumentChange::Bytes | DocumentChange::Modified | DocumentChange::Mapping |
               (m_doc->size() != before ? unsigned(DocumentChange::Size) : 0u),
           0, std::max(before, m_doc->size()));
    return {};
}

UiStatus DocumentModel::setWriteProtected(bool locked) {
    if (UiStatus e = UiStatus::fromCore(m_doc->setWriteProtected(locked)); !e) return e;
    notify(DocumentChange::Lock);
    return {};
}

UiStatus DocumentModel::followGrowth(bool* grew) {
    *grew = false;
    const std::uint64_t before = m_doc->size();
    auto result = m_doc->followGrowth();
    if (!result) return UiStatus::fromCore(result.error());
    *grew = result.value();
    if (*grew)
        notify(DocumentChange::Bytes | DocumentChange::Size | DocumentChange::Mapping |
                   DocumentChange::Grew,
               before, m_doc->size());
    return {};
}

UiStatus DocumentModel::adoptCopy(const QByteArray& rawPath) {
    if (UiStatus e = UiStatus::fromCore(m_doc->adoptCopy(bytes(rawPath))); !e) return e;
    m_rawPath = rawPath;
    m_path = QFile::decodeName(rawPath);
    m_damageNoted = false;
    notify(DocumentChange::everything(m_doc->size()).what, 0, m_doc->size());
    return {};
}

UiStatus DocumentModel::saveCheck(bool cutAppended) const {
    return UiStatus::fromCore(m_doc->saveCheck(cutAppended));
}

UiStatus DocumentModel::finishSavePieces(const Status& copied) {
    const Status st = m_doc->finishSavePieces(copied);
    if (!m_doc->hasPieces()) {
        // The document is the new file now (even when a warning follows).
        m_damageNoted = false;
        notify(DocumentChange::everything(m_doc->size()).what, 0, m_doc->size());
    }
    return UiStatus::fromCore(st);
}

UiStatus DocumentModel::reopen(OpenMode mode) {
    if (m_doc->held())
        return UiStatus::failure(tr("Cannot reload \"%1\" now: %2 is reading the file. Wait for it to finish, "
                  "or cancel it.")
            .arg(fileName(), QString::fromStdString(m_doc->readers(true))));
    // Workers that yield (the line count) let go of the old mapping first.
    if (m_doc->leased()) m_doc->stopReaders();
    auto next = Document::open(bytes(m_rawPath), mode);
    if (!next) return UiStatus::fromCore(next.error());
    *m_doc = std::move(next).value();
    m_damageNoted = false;
    notify(DocumentChange::everything(m_doc->size()).what, 0, m_doc->size());
    return {};
}

UiStatus DocumentModel::recoverEdits(std::size_t* applied) {
    auto result = m_doc->recoverEdits();
    if (!result) return UiStatus::fromCore(result.error());
    *applied = result.value();
    m_damageNoted = false;
    notify(DocumentChange::everything(m_doc->size()).what & ~unsigned(DocumentChange::Replaced), 0,
           m_doc->size());
    return {};
}

UiStatus DocumentModel::keepWhatRemains(std::vector<std::pair<std::uint64_t, std::uint64_t>>* lost) {
    auto result = m_doc->keepWhatRemains();
    if (!result) return UiStatus::fromCore(result.error());
    *lost = std::move(result.value());
    m_damageNoted = false;
    // Ranges went from several places: offsets held do not follow one shift, so every view
    // starts again (without Replaced: it is the same file, mode and tab).
    notify(DocumentChange::everything(m_doc->size()).what & ~unsigned(DocumentChange::Replaced), 0,
           m_doc->size());
    return {};
}

void DocumentModel::noteDamage() {
    if (m_damageNoted || !m_doc->damaged()) return;
    notify(DocumentChange::Damaged);
}

void DocumentModel::noteWrittenOnDisk() {
    // Which bytes changed is not known (only the modification time): the whole file, for
    // what is derived from the bytes (line count, colour band, file map, inspector).
    notify(DocumentChange::Disk, 0, m_doc->size());
}

QString DocumentModel::editBlocker() const {
    const std::string why = m_doc->editBlocker();
    if (!why.empty()) return QString::fromStdString(why);
    if (m_doc->held()) {
        QString who = QString::fromStdString(m_doc->readers(true));
        if (!who.isEmpty()) who[0] = who[0].toUpper();
        return tr("%1 is reading the file: edits wait until it ends (or cancel it).").arg(who);
    }
    return {};
}

ReadLease DocumentModel::lease(const QString& holder, bool yields,
                               std::shared_ptr<std::atomic<bool>> stop) const {
    return m_doc->lease(holder.toStdString(), yields, std::move(stop));
}

} // namespace hexmap
