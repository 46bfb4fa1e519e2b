#include "search_job.h"

#include "document.h"

#include <QMetaObject>
#include <QPointer>

namespace hexmap {

std::unique_ptr<ByteSource> SearchJob::sourceFor(const Document& document) {
    if (document.mode() == OpenMode::Private || document.damaged())
        return std::make_unique<MemorySource>(document.data(), document.size());
    // Read-only and shared mappings are the page cache of the file: either path sees the
    // same bytes, so take whichever is faster for how the kernel holds this file now.
    return chooseFileSource(document.data(), document.file().fd(), document.size());
}

SearchJob::SearchJob(const Document& document, Pattern pattern, Kind kind, std::uint64_t from,
                     QObject* parent)
    : QObject(parent), m_pattern(std::move(pattern)), m_kind(kind),
      m_source(sourceFor(document)) {
    qRegisterMetaType<hexmap::Match>();
    qRegisterMetaType<std::shared_ptr<std::vector<hexmap::Match>>>();
    connect(this, &SearchJob::finished, this, [this] { m_running = false; });
    m_thread = std::thread([this, from] { run(from); });
}

SearchJob::~SearchJob() {
    m_cancel.store(true);
    if (m_thread.joinable()) m_thread.join();
}

void SearchJob::run(std::uint64_t from) {
    SearchOptions options;
    options.cancel = &m_cancel;
    // Signals emitted from this thread are queued to the receivers' (GUI) thread.
    if (m_kind == Kind::All) {
        // Batches are gathered for ~a chunk's worth of progress so the GUI gets a few
        // dozen signals a second, not one per match.
        auto pending = std::make_shared<std::vector<Match>>();
        auto flush = [&] {
            if (pending->empty()) return;
            emit matchesFound(pending);
            pending = std::make_shared<std::vector<Match>>();
        };
        auto result = findAll(
            *m_source, m_pattern,
            [&](const Match* m, std::size_t n) {
                pending->insert(pending->end(), m, m + n);
                if (pending->size() >= 65536) flush();
            },
            [&](std::uint64_t done, std::uint64_t total) {
                flush();
                emit progress(done, total);
            },
            options);
        flush();
        if (!result) emit finished(false, QString::fromStdString(result.error().message));
        else emit finished(result.value().cancelled, QString());
        return;
    }
    auto result = m_kind == Kind::Next ? findNext(*m_source, m_pattern, from, options)
                                       : findPrevious(*m_source, m_pattern, from, options);
    if (!result) {
        const bool cancelled = result.error().code == ECANCELED;
        emit finished(cancelled, cancelled ? QString() : QString::fromStdString(result.error().message));
        return;
    }
    const auto& hit = result.value();
    emit found(hit.has_value(), hit ? hit->match : Match{}, hit && hit->wrapped);
    emit finished(false, QString());
}

} // namespace hexmap
