// SPDX-License-Identifier: MIT
// The soak: drives the real controllers of a document tab (typing keys in both columns,
// paste, fill, resize, undo, redo, save, revert, the write lock, find next, find all with
// cancel, replace all, reopen, follow) with random operations on a file in each mode, while
// another thread appends to or truncates the file at random moments. After every operation
// the document is checked against a plain model (every undo step's whole state); after every
// save, the file on disk against the document. Operations tried while a search runs must
// be refused and change nothing.
//
//   hexmap_soak [--ops N] [--seed S] [--mode read-only|shared|private|all] [--quiet]
//
// The seed is printed first: the same seed replays the same operations (the other thread's
// timing aside). Exit status 0 when every check held, 1 with the failing step otherwise.
#include "../ui/said.h"
#include "clipboard_controller.h"
#include "cursor_model.h"
#include "disk_watcher.h"
#include "document_model.h"
#include "document_tab.h"
#include "edit_controller.h"
#include "find_bar.h"
#include "hex_view.h"
#include "match_list_model.h"
#include "save_controller.h"
#include "search_controller.h"

#include <QApplication>
#include <QFile>
#include <QKeyEvent>
#include <QTemporaryDir>
#include <atomic>
#include <deque>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <random>
#include <thread>
#include <unistd.h>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

struct Model {
    std::vector<Bytes> states;
    std::size_t pos = 0;
    std::size_t savePos = 0;
    bool typing = false;
    std::uint64_t typingEnd = 0;

    void reset(Bytes b) {
        states = {std::move(b)};
        pos = savePos = 0;
        typing = false;
    }
    const Bytes& now() const { return states[pos]; }
    void push(Bytes next) {
        states.resize(pos + 1);
        if (savePos > pos) savePos = SIZE_MAX;
        states.push_back(std::move(next));
        ++pos;
    }
    // A typed byte: joins the typing step when it continues it (the journal's rule: the
    // byte where the step ends, or its last byte again for the low nibble).
    void typed(std::uint64_t at, std::uint8_t value) {
        Bytes next = now();
        next[at] = value;
        const bool extends = typing && pos + 1 == states.size() && (at == typingEnd || at + 1 == typingEnd);
        if (extends) {
            states[pos] = std::move(next);
            typingEnd = std::max(typingEnd, at + 1);
        } else {
            push(std::move(next));
            typingEnd = at + 1;
        }
        typing = true;
    }
};

Bytes readFile(const QByteArray& path) {
    QFile f(QFile::decodeName(path));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray a = f.readAll();
    return Bytes(a.begin(), a.end());
}

// Another process's hand on the file: one append or truncation when asked, on its thread.
class Disturber {
public:
    explicit Disturber(QByteArray path) : m_path(std::move(path)), m_thread([this] { run(); }) {}
    ~Disturber() {
        m_quit = true;
        m_thread.join();
    }
    // Starts one change (it happens while the next operation runs).
    void poke(bool truncate, std::uint32_t amount) {
        m_truncate = truncate;
        m_amount = amount;
        m_pending.store(true);
    }
    // Waits until the change asked for is done. True when the file was changed since the
    // last call.
    bool settle() {
        while (m_pending.load()) std::this_thread::yield();
        return m_changed.exchange(false);
    }

private:
    void run() {
        while (!m_quit.load()) {
            if (!m_pending.load()) {
                std::this_thread::sleep_for(std::chrono::microseconds(50));
                continue;
            }
            const int fd = ::open(m_path.constData(), O_WRONLY | O_APPEND);
            if (fd >= 0) {
                if (m_truncate) {
                    struct stat st;
                    if (::fstat(fd, &st) == 0 && st.st_size > 0)
                        (void)!::ftruncate(fd, st.st_size - std::min<off_t>(st.st_size, m_amount));
                } else {
                    std::vector<char> bytes(m_amount, 'w');
                    (void)!::write(fd, bytes.data(), bytes.size());
                }
                ::close(fd);
                m_changed = true;
            }
            m_pending.store(false);
        }
    }
    QByteArray m_path;
    std::atomic<bool> m_quit{false};
    std::atomic<bool> m_pending{false};
    std::atomic<bool> m_changed{false};
    bool m_truncate = false;
    std::uint32_t m_amount = 0;
    std::thread m_thread;
};

class Soak {
public:
    Soak(OpenMode mode, std::uint64_t seed, bool quiet) : m_mode(mode), m_rng(seed), m_quiet(quiet) {}

    // Runs `ops` operations; "" when every check held, else what failed.
    QString run(std::uint64_t ops) {
        const QByteArray path = QFile::encodeName(m_dir.filePath("soak.bin"));
        {
            Bytes start(64 * 1024);
            for (std::size_t i = 0; i < start.size(); ++i) start[i] = "abcab\n01"[i % 8] ^ (i % 97 == 0 ? 0x20 : 0);
            QFile f(QFile::decodeName(path));
            if (!f.open(QIODevice::WriteOnly)) return "cannot make the file";
            f.write(reinterpret_cast<const char*>(start.data()), qint64(start.size()));
        }
        auto opened = DocumentModel::open(path, m_mode);
        if (!opened) return QString::fromStdString(opened.error().message);
        m_tab = std::make_unique<DocumentTab>(std::move(opened).value());
        m_tab->edit()->setConfirm([](const QString&) { return false; });
        m_model.reset(readFile(path));
        m_path = path;
        Disturber disturber(path);
        for (m_step = 0; m_step < ops; ++m_step) {
            const bool disturb = pick(200) == 0;
            if (disturb) disturber.poke(pick(3) == 0, 1 + std::uint32_t(pick(8192)));
            const char* op = operate();
            m_lastOp = op;
            const bool changed = disturber.settle();
            if (changed || disturb) {
                // The file changed under the operation: what it expected may not hold (a
                // shared edit into a truncated page, a save of a shrunk file); the fault
                // guard must have kept us alive. Start again from the file.
                m_failure.clear();
                resync();
            }
            m_recent.push_back(QStringLiteral("%1 %2 size=%3 cursor=%4 pos=%5/%6 save=%7 typing=%8")
                                   .arg(m_step).arg(QLatin1String(op)).arg(size())
                                   .arg(m_tab->cursor()->cursor()).arg(m_model.pos)
                                   .arg(m_model.states.size()).arg(qint64(m_model.savePos))
                                   .arg(m_model.typing));
            if (m_recent.size() > 12) m_recent.pop_front();
            if (QString e = check(); !e.isEmpty()) {
                if (!m_quiet)
                    for (const QString& line : m_recent) std::printf("    %s\n", qPrintable(line));
                return QStringLiteral("step %1 (%2): %3").arg(m_step).arg(QLatin1String(op), e);
            }
            if (m_model.states.size() > 200) {
                // Bound the model's memory (a whole copy a step): save, and start afresh.
                if (m_mode != OpenMode::ReadOnly && !said(m_tab->saver()->save()).isEmpty() && !m_locked)
                    return QStringLiteral("step %1: the periodic save failed").arg(m_step);
                if (UiStatus e = model().reopen(m_mode); !e) return "periodic reopen: " + said(e);
                m_locked = false;
                m_model.reset(readFile(m_path));
            }
            if (!m_quiet && m_step % 50000 == 0 && m_step)
                std::printf("  %" PRIu64 " operations\n", m_step), std::fflush(stdout);
        }
        m_tab->stopJobs();
        m_tab.reset();
        return {};
    }

private:
    std::uint64_t pick(std::uint64_t n) { return n ? m_rng() % n : 0; }

    DocumentModel& model() { return *m_tab->model(); }
    std::uint64_t size() const { return m_model.now().size(); }
    bool editable() const { return m_mode != OpenMode::ReadOnly && !m_locked && !m_searching; }

    void key(int k, const QString& text = {}, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        QKeyEvent press(QEvent::KeyPress, k, mods, text);
        QApplication::sendEvent(m_tab->hexView(), &press);
    }

    // One random operation through the controllers; returns its name.
    const char* operate() {
        CursorModel& cursor = *m_tab->cursor();
        HexView& view = *m_tab->hexView();
        const std::uint64_t n = size();
        switch (pick(20)) {
        case 0: case 1: case 2: { // a hex digit in the hex column
            if (!n) return "hex digit (empty)";
            view.setActiveArea(GridLayout::Area::Hex);
            const std::uint64_t at = cursor.cursor();
            const int digit = int(pick(16));
            const bool low = view.onLowNibble();
            const std::uint8_t old = m_model.now()[at];
            const auto value = low ? std::uint8_t((old & 0xf0) | digit) : std::uint8_t((old & 0x0f) | (digit << 4));
            key(Qt::Key_0 + (digit < 10 ? digit : 0), QString::number(digit, 16));
            if (editable()) m_model.typed(at, value);
            return "hex digit";
        }
        case 3: case 4: { // a character in the text column
            if (!n) return "text (empty)";
            view.setActiveArea(GridLayout::Area::Text);
            const std::uint64_t at = cursor.cursor();
            const char c = char('A' + pick(26));
            key(Qt::Key_A + (c - 'A'), QString(QChar(c)));
            if (editable()) m_model.typed(at, std::uint8_t(c));
            return "text character";
        }
        case 5: { // move the cursor, or Tab
            if (pick(2)) key(Qt::Key_Tab);
            else cursor.moveCursor(pick(n + 1));
            m_model.typing = false;
            return "move";
        }
        case 6: { // paste
            const std::uint64_t at = n ? pick(n) : 0;
            cursor.moveCursor(at);
            Bytes bytes(1 + pick(32));
            for (auto& b : bytes) b = std::uint8_t(pick(256));
            const UiStatus e = m_tab->edit()->pasteBytes(bytes);
            m_model.typing = false;
            if (editable() && n) {
                const std::uint64_t len = std::min<std::uint64_t>(bytes.size(), n - at);
                Bytes next = m_model.now();
                std::memcpy(next.data() + at, bytes.data(), len);
                if (!e) return fail("paste refused: " + said(e));
                m_model.push(std::move(next));
            }
            return "paste";
        }
        case 7: { // fill a selection
            if (!n) return "fill (empty)";
            const std::uint64_t a = pick(n), len = 1 + pick(std::min<std::uint64_t>(n - a, 5000));
            cursor.select(a, a + len - 1);
            const UiStatus e = m_tab->edit()->fillSelection("ab 00");
            m_model.typing = false;
            if (editable()) {
                if (!e) return fail("fill refused: " + said(e));
                Bytes next = m_model.now();
                for (std::uint64_t i = 0; i < len; ++i) next[a + i] = i % 2 ? 0x00 : 0xab;
                m_model.push(std::move(next));
            }
            return "fill";
        }
        case 8: { // resize
            const std::uint64_t to = pick(3) == 0 || n > (1u << 20) ? pick(n + 1) : n + pick(20000);
            const UiStatus e = m_tab->edit()->resizeTo(QString::number(to));
            m_model.typing = false;
            if (editable() && to != n) {
                if (!e) return fail("resize refused: " + said(e));
                Bytes next = m_model.now();
                next.resize(to, 0);
                m_model.push(std::move(next));
            }
            return "resize";
        }
        case 9: { // undo
            const UiStatus e = m_tab->edit()->undo();
            m_model.typing = false;
            if (editable() && m_model.pos > 0) {
                if (!e) return fail("undo refused: " + said(e));
                --m_model.pos;
            }
            return "undo";
        }
        case 10: { // redo
            const UiStatus e = m_tab->edit()->redo();
            m_model.typing = false;
            if (editable() && m_model.pos + 1 < m_model.states.size()) {
                if (!e) return fail("redo refused: " + said(e));
                ++m_model.pos;
            }
            return "redo";
        }
        case 11: { // save
            const UiStatus e = m_tab->saver()->save();
            m_model.typing = false;
            if (m_mode != OpenMode::ReadOnly && !m_searching) {
                if (!e) return fail("save refused: " + said(e));
                m_model.savePos = m_model.pos;
                if (readFile(m_path) != m_model.now()) return fail("the file differs from the document after a save");
            }
            return "save";
        }
        case 12: { // revert
            if (m_model.savePos == SIZE_MAX) return "revert (no save point)";
            const UiStatus e = m_tab->edit()->revert();
            m_model.typing = false;
            if (editable() && m_model.pos != m_model.savePos) {
                if (!e) return fail("revert refused: " + said(e));
                m_model.pos = m_model.savePos;
            }
            return "revert";
        }
        case 13: { // the write lock
            if (m_mode == OpenMode::ReadOnly) return "lock (read-only)";
            const UiStatus e = m_tab->edit()->setWriteProtected(!m_locked);
            if (!e) return fail("lock refused: " + said(e));
            m_locked = !m_locked;
            m_model.typing = false;
            return "lock";
        }
        case 14: case 15: { // find next / find all, maybe cancelled, with edits tried meanwhile
            if (!n) return "find (empty)";
            const std::uint64_t at = pick(n > 2 ? n - 2 : 1);
            const Bytes& b = m_model.now();
            QString pattern;
            for (std::uint64_t i = at; i < std::min<std::uint64_t>(n, at + 2); ++i)
                pattern += QStringLiteral("\\x%1").arg(b[i], 2, 16, QLatin1Char('0'));
            m_tab->findBar()->setKind(PatternKind::Text);
            m_tab->findBar()->setPatternText(pattern);
            const bool all = pick(2);
            const UiStatus e = all ? m_tab->search()->findAll() : m_tab->search()->findNext();
            if (!e) return fail("a search did not start: " + said(e));
            m_searching = true;
            m_model.typing = false;
            // While it runs, an edit is refused and changes nothing.
            if (m_mode != OpenMode::ReadOnly && m_tab->search()->running()) {
                const UiStatus refused = m_tab->edit()->pasteBytes({0x11});
                if (refused.ok() && m_tab->search()->running()) return fail("an edit during a search was accepted");
            }
            if (pick(3) == 0) m_tab->search()->cancel();
            while (m_tab->search()->running()) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            m_searching = false;
            return all ? "find all" : "find next";
        }
        case 16: { // replace all with the same length
            if (!n || !editable()) return "replace all (not editable)";
            const std::uint64_t at = pick(n > 2 ? n - 2 : 1);
            const Bytes before = m_model.now();
            QByteArray needle(reinterpret_cast<const char*>(before.data() + at), qsizetype(std::min<std::uint64_t>(2, n - at)));
            QString pattern, replacement;
            for (char c : needle) {
                pattern += QStringLiteral("\\x%1").arg(std::uint8_t(c), 2, 16, QLatin1Char('0'));
                replacement += QStringLiteral("\\x%1").arg(std::uint8_t(c) ^ 0x55, 2, 16, QLatin1Char('0'));
            }
            m_tab->findBar()->setKind(PatternKind::Text);
            m_tab->findBar()->setPatternText(pattern);
            m_tab->findBar()->setReplacementText(replacement);
            const UiStatus e = m_tab->search()->replaceAll();
            if (!e) return fail("replace all refused: " + said(e));
            while (m_tab->search()->running()) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QCoreApplication::processEvents();
            Bytes next = before;
            std::size_t count = 0;
            for (std::uint64_t s = 0; s + needle.size() <= next.size();) {
                if (std::memcmp(next.data() + s, needle.constData(), std::size_t(needle.size())) == 0 &&
                    std::memcmp(before.data() + s, needle.constData(), std::size_t(needle.size())) == 0) {
                    for (qsizetype i = 0; i < needle.size(); ++i) next[s + i] ^= 0x55;
                    s += std::uint64_t(needle.size());
                    ++count;
                } else {
                    ++s;
                }
            }
            m_model.typing = false;
            if (count) m_model.push(std::move(next));
            return "replace all";
        }
        case 17: { // reopen (discarding edits, as Discard does)
            const UiStatus e = model().reopen(m_mode);
            if (!e) return fail("reopen refused: " + said(e));
            m_locked = false;
            m_model.reset(readFile(m_path));
            return "reopen";
        }
        case 18: { // follow the file (read-only: nothing of ours to keep apart)
            if (m_mode != OpenMode::ReadOnly) return "follow (not read-only)";
            m_tab->setFollowEnd(!m_tab->disk()->following());
            return "follow";
        }
        default: { // the disk watcher's look
            m_tab->disk()->check();
            return "watch";
        }
        }
    }

    // After another process changed the file: look as the watcher does, then start a new
    // model from the file (edits are discarded, as Reload does). Read-only files that are
    // followed grow by themselves.
    void resync() {
        m_tab->disk()->check();
        // Painting would read lost pages: the fault guard must absorb that.
        std::uint64_t sum = 0;
        const DocumentModel& m = model();
        for (std::uint64_t i = 0; i < m.size(); i += 4096) sum += m.document().mappingData()[i];
        (void)sum;
        const UiStatus e = model().reopen(m_mode);
        if (!e) m_failure = "reopen after a change on disk: " + said(e);
        m_locked = false;
        m_model.reset(readFile(m_path));
    }

    QString check() {
        if (!m_failure.isEmpty()) return m_failure;
        const DocumentModel& m = model();
        const Bytes& want = m_model.now();
        if (m.size() != want.size())
            return QStringLiteral("size %1, the model says %2").arg(m.size()).arg(want.size());
        if (m.size() && std::memcmp(m.document().mappingData(), want.data(), want.size()) != 0) {
            std::uint64_t i = 0;
            while (m.document().mappingData()[i] == want[i]) ++i;
            return QStringLiteral("byte %1 is %2, the model says %3").arg(i).arg(m.document().mappingData()[i]).arg(want[i]);
        }
        if (m.isModified() != (m_model.pos != m_model.savePos)) return "the modified flag is wrong";
        if (m.canUndo() != (m_model.pos > 0)) return "can undo is wrong";
        if (m.canRedo() != (m_model.pos + 1 < m_model.states.size())) return "can redo is wrong";
        if (m_mode == OpenMode::Shared && m_step % 50 == 0 && readFile(m_path) != want)
            return "shared: the file differs from the document";
        if (m_tab->cursor()->cursor() >= std::max<std::uint64_t>(m.size(), 1)) return "the cursor lies past the end";
        return {};
    }

    const char* fail(const QString& why) {
        if (m_failure.isEmpty()) m_failure = why;
        return "failed";
    }

    OpenMode m_mode;
    std::mt19937_64 m_rng;
    bool m_quiet;
    QTemporaryDir m_dir;
    QByteArray m_path;
    std::unique_ptr<DocumentTab> m_tab;
    Model m_model;
    bool m_locked = false;
    bool m_searching = false;
    std::uint64_t m_step = 0;
    const char* m_lastOp = "";
    QString m_failure;
    std::deque<QString> m_recent; // the last operations, shown when a check fails
};

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::uint64_t ops = 100000;
    std::uint64_t seed = std::random_device{}();
    QString modes = "all";
    bool quiet = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--ops" && i + 1 < args.size()) ops = args[++i].toULongLong();
        else if (args[i] == "--seed" && i + 1 < args.size()) seed = args[++i].toULongLong();
        else if (args[i] == "--mode" && i + 1 < args.size()) modes = args[++i];
        else if (args[i] == "--quiet") quiet = true;
        else {
            std::fprintf(stderr, "usage: hexmap_soak [--ops N] [--seed S] [--mode read-only|shared|private|all] [--quiet]\n");
            return 2;
        }
    }
    std::printf("soak: seed %" PRIu64 ", %" PRIu64 " operations per mode (replay: --seed %" PRIu64 ")\n", seed, ops, seed);
    std::fflush(stdout);
    int status = 0;
    for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
        if (modes != "all" && modes != modeName(mode)) continue;
        Soak soak(mode, seed, quiet);
        const QString failure = soak.run(ops);
        std::printf("soak %s: %s\n", modeName(mode), failure.isEmpty() ? "ok" : qPrintable(failure));
        std::fflush(stdout);
        if (!failure.isEmpty()) status = 1;
    }
    return status;
}
