// SPDX-License-Identifier: MIT
// Injected I/O faults and crash points, for every save path. Through the sys_io seam,
// each system call of a save (shared save, private save, Save As, resize in both modes) is
// made to fail in turn with ENOSPC, EIO, a short write and EINTR, and then the process is
// killed (SIGKILL) after each call in turn. Afterwards:
//   - the original file holds its old bytes, or (past a save's commit point) its new ones,
//     never a mix the README does not promise;
//   - the editor still holds every edit and the whole undo history;
//   - the sentence shown names the cause;
//   - no temporary file is left that the next Save As would not remove.
#include "document.h"
#include "document_bytes.h"
#include "sys_io.h"
#include "temp_files.h"

#include <QtTest>
#include <atomic>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <algorithm>
#include <functional>
#include <mutex>
#include <sys/wait.h>
#include <unistd.h>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;
using sysio::Call;

namespace {

// Fails (or cuts short, or kills the process after) the call with a given index.
class Script final : public sysio::Injector {
public:
    enum class Action { None, Fail, Short, Interrupt, KillAfter };
    Script(int at, Action action, int code = 0) : m_at(at), m_action(action), m_code(code) {}

    int before(Call call) override {
        const int i = m_count.fetch_add(1);
        {
            std::lock_guard lock(m_mutex);
            m_log.push_back(call);
        }
        if (i != m_at) return 0;
        m_hit = call;
        if (m_action == Action::Fail) return m_code;
        if (m_action == Action::Interrupt && call == Call::Pwrite) return EINTR;
        return 0;
    }
    std::size_t allowBytes(std::size_t n) override {
        if (m_action == Action::Short && m_count.load() == m_at && n > 1) return n / 2;
        return n;
    }
    void after(Call) override {
        if (m_action == Action::KillAfter && m_count.load() == m_at + 1) ::kill(::getpid(), SIGKILL);
    }
    std::vector<Call> log() const {
        std::lock_guard lock(m_mutex);
        return m_log;
    }
    Call hit() const { return m_hit; }

private:
    const int m_at;
    const Action m_action;
    const int m_code;
    std::atomic<int> m_count{0};
    Call m_hit = Call::Count;
    mutable std::mutex m_mutex;
    std::vector<Call> m_log;
};

using Installed = testutil::InjectorInstalled;
using testutil::readDisk;
Bytes contents(const Document& doc) { return testutil::documentBytes(doc); }

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

std::vector<std::string> tempsIn(const std::string& folder) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(folder.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::strstr(e->d_name, ".hexmap-")) out.push_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

// One save path: how to make the document and its edits, and the operation under test.
struct Path {
    const char* name;
    OpenMode mode;
    std::function<void(Document&)> edit;      // the unsaved edits
    std::function<Status(Document&, const std::string& target)> run;
    bool isSaveAs = false;
    bool pieces = false; // inserts and deletes: saved whole, through a copy and a rename
};

void put(Document& d, std::uint64_t at, const char* text) {
    if (!d.overwrite(at, reinterpret_cast<const std::uint8_t*>(text), std::strlen(text)))
        qFatal("edit refused");
}

} // namespace

class TestFaultInjection : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    const std::uint64_t m_page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));

    std::vector<Path> paths() const {
        const std::uint64_t page = m_page;
        auto save = [](Document& d, const std::string&) { return d.save(); };
        auto saveAs = [](Document& d, const std::string& target) { return d.saveAs(target); };
        auto scattered = [page](Document& d) {
            put(d, 5, "first");
            put(d, 3 * page - 2, "across");
            put(d, 7 * page + 100, "last");
        };
        // Edits before and after the first insert, a delete, and bytes added at the end.
        auto shifted = [page, scattered](Document& d) {
            scattered(d);
            if (!d.insert(2 * page, reinterpret_cast<const std::uint8_t*>("INSERTED"), 8) ||
                !d.erase(5 * page, page + 7) ||
                !d.insert(d.size(), reinterpret_cast<const std::uint8_t*>("END"), 3))
                qFatal("insert or delete refused");
            put(d, 4 * page, "after");
        };
        return {
            {"shared save", OpenMode::Shared, scattered, save},
            {"private save", OpenMode::Private, scattered, save},
            {"private save, grown", OpenMode::Private,
             [page](Document& d) {
                 put(d, 5, "first");
                 if (!d.resize(10 * page + 17)) qFatal("resize");
                 put(d, 9 * page, "grown");
             },
             save},
            {"private save, shrunk then grown", OpenMode::Private,
             [page](Document& d) {
                 put(d, 5, "first");
                 if (!d.resize(2 * page) || !d.resize(6 * page)) qFatal("resize");
                 put(d, 4 * page, "again");
             },
             save},
            {"save as, private", OpenMode::Private, scattered, saveAs, true},
            {"private save, pieces", OpenMode::Private, shifted, save, false, true},
            {"save as, pieces", OpenMode::Private, shifted, saveAs, true, true},
            {"save as, shared", OpenMode::Shared, scattered, saveAs, true},
            {"shared resize, grow", OpenMode::Shared, [](Document&) {},
             [page](Document& d, const std::string&) { return d.resize(20 * page + 3); }},
            {"shared resize, shrink", OpenMode::Shared, [](Document&) {},
             [page](Document& d, const std::string&) { return d.resize(3 * page + 1); }},
            {"private resize, grow", OpenMode::Private, [](Document&) {},
             [page](Document& d, const std::string&) { return d.resize(20 * page + 3); }},
        };
    }

    std::string freshFile(Bytes* bytes) {
        const QByteArray b = testutil::randomBytes(8 * m_page + 123, 77);
        *bytes = Bytes(b.begin(), b.end());
        return testutil::writeFile(m_dir, QStringLiteral("f%1.bin").arg(++m_n), b);
    }

    static Document openDoc(const std::string& path, OpenMode mode) {
        auto d = Document::open(path, mode);
        if (!d) qFatal("%s", d.error().message.c_str());
        return std::move(d).value();
    }

    // The calls a path makes, in order (a dry run with an injector that only counts).
    std::vector<Call> callsOf(const Path& p) {
        Bytes original;
        const std::string file = freshFile(&original);
        Document doc = openDoc(file, p.mode);
        p.edit(doc);
        Script counting(-1, Script::Action::None);
        {
            Installed on(&counting);
            const Status st = p.run(doc, file + ".copy");
            if (!st) qFatal("%s: %s", p.name, st.error().message.c_str());
        }
        return counting.log();
    }

private slots:
    void everyCallOfEverySavePathFails() {
        int cases = 0;
        for (const Path& p : paths()) {
            const std::vector<Call> calls = callsOf(p);
            QVERIFY2(!calls.empty(), p.name);
            for (int i = 0; i < int(calls.size()); ++i) {
                for (int how = 0; how < 4; ++how) {
                    const bool isWrite = calls[std::size_t(i)] == Call::Pwrite;
                    if (how >= 2 && !isWrite) continue; // short writes and EINTR: pwrite only
                    const int code = how == 0 ? ENOSPC : how == 1 ? EIO : 0;
                    const auto action = how < 2 ? Script::Action::Fail
                                        : how == 2 ? Script::Action::Short
                                                   : Script::Action::Interrupt;
                    checkOne(p, i, action, code, calls[std::size_t(i)]);
                    if (QTest::currentTestFailed()) return;
                    ++cases;
                }
            }
        }
        qInfo("%d injected faults checked", cases);
    }

    void killedAfterEveryCall() {
        int points = 0;
        for (const Path& p : paths()) {
            if (p.mode == OpenMode::Shared && !p.isSaveAs) continue; // the edits are in the file already
            for (int k = 0;; ++k) {
                bool finished = false;
                crashAt(p, k, &finished);
                if (QTest::currentTestFailed()) return;
                ++points;
                if (finished) break;
            }
        }
        qInfo("%d crash points checked", points);
    }


    void saveAsSyncsTheCopyBeforeRenamingIt() {
        // The copy is on disk before it takes the target's name, and the name is on disk
        // after: a crash leaves the old file or the whole new one.
        Bytes original;
        const std::string file = freshFile(&original);
        Document doc = openDoc(file, OpenMode::Private);
        put(doc, 3, "x");
        Script log(-1, Script::Action::None);
        {
            Installed on(&log);
            QVERIFY(doc.writeCopy(file + ".synced").ok());
        }
        const auto calls = log.log();
        const auto at = [&](Call c, std::size_t from = 0) {
            return std::size_t(std::find(calls.begin() + long(from), calls.end(), c) - calls.begin());
        };
        const std::size_t rename = at(Call::Rename);
        QVERIFY(rename < calls.size());
        QVERIFY2(at(Call::Fsync) < rename, "the temporary file must be fsynced before the rename");
        QVERIFY2(at(Call::Fsync, rename) < calls.size(), "the folder must be fsynced after the rename");
    }

    void privateSaveSyncsBeforeItCommits() {
        Bytes original;
        const std::string file = freshFile(&original);
        Document doc = openDoc(file, OpenMode::Private);
        put(doc, 3, "x");
        Script log(-1, Script::Action::None);
        {
            Installed on(&log);
            QVERIFY(doc.save().ok());
        }
        const auto calls = log.log();
        QVERIFY(std::find(calls.begin(), calls.end(), Call::Pwrite) < std::find(calls.begin(), calls.end(), Call::Fdatasync));
        QCOMPARE(calls.back(), Call::Fdatasync);
    }

    void aTemporaryFileThatCouldNotBeRemovedIsRemovedNextTime() {
        // Found: a Save As into a folder made read-only during the copy left a 1 GiB
        // temporary file behind without a word.
        Bytes original;
        const std::string file = freshFile(&original);
        const std::string folder = m_dir.path().toStdString();
        for (const auto& t : tempsIn(folder)) ::unlink((folder + "/" + t).c_str());
        Document doc = openDoc(file, OpenMode::Private);
        put(doc, 3, "x");
        class FailWriteAndUnlink final : public sysio::Injector {
        public:
            int before(Call c) override {
                if (c == Call::Pwrite) return EIO;
                if (c == Call::Unlink) return EPERM;
                return 0;
            }
        } injector;
        Status st;
        {
            Installed on(&injector);
            st = doc.writeCopy(file + ".left");
        }
        QVERIFY(!st.ok());
        QVERIFY2(st.error().message.find("could not be removed") != std::string::npos, st.error().message.c_str());
        QCOMPARE(tempsIn(folder).size(), std::size_t(1));
        QVERIFY(doc.writeCopy(file + ".left").ok()); // the next Save As to that name
        QVERIFY(tempsIn(folder).empty());
    }

private:
    void checkOne(const Path& p, int at, Script::Action action, int code, Call call) {
        Bytes original;
        const std::string file = freshFile(&original);
        const std::string target = file + ".copy";
        Document doc = openDoc(file, p.mode);
        p.edit(doc);
        const Bytes edited = contents(doc);
        const std::uint64_t editedSize = doc.size();
        const bool modifiedBefore = doc.isModified();
        Script script(at, action, code);
        Status st;
        {
            Installed on(&script);
            st = p.run(doc, target);
        }
        const QByteArray where = QByteArray(p.name) + ", call " + QByteArray::number(at) + " (" +
                                 sysio::callName(call) + ", " +
                                 (action == Script::Action::Fail ? strerror(code) : action == Script::Action::Short ? "short write" : "EINTR") + ")";
        const Bytes disk = readDisk(file);
        if (action != Script::Action::Fail) {
            // A short write is continued, an interrupted one retried: the save succeeds.
            QVERIFY2(st.ok(), where + ": " + (st.ok() ? "" : st.error().message.c_str()));
        }
        if (st.ok()) {
            if (p.isSaveAs) QCOMPARE(readDisk(target), edited);
            else if (p.mode == OpenMode::Private && modifiedBefore) QVERIFY2(disk == contents(doc), where);
            return;
        }
        // Failed: the sentence names the cause ...
        const std::string& msg = st.error().message;
        QVERIFY2(msg.find(strerror(code)) != std::string::npos, where + ": " + msg.c_str());
        // ... the editor keeps every edit and the undo history ...
        QVERIFY2(contents(doc) == edited, where + ": the editor lost bytes");
        QCOMPARE(doc.size(), editedSize);
        const bool renamed = msg.find("but its folder could not be synced") != std::string::npos ||
                             msg.find("but could not be opened again") != std::string::npos;
        // (A pieces save past its rename is the new file's document: its history starts there.)
        QVERIFY2(doc.isModified() == modifiedBefore || !modifiedBefore || (p.pieces && renamed), where);
        if (modifiedBefore && !(p.pieces && renamed)) QVERIFY2(doc.canUndo(), where);
        // ... and the file is old, or (past a private save's commit point) holds the edits.
        const bool committed = msg.find("stopped half-way") != std::string::npos;
        if (p.pieces && !p.isSaveAs) {
            // Whole or not at all: before the rename the old file, after it the new one.
            QVERIFY2(disk == (renamed ? edited : original), where + ": a torn save");
        } else if (p.isSaveAs && renamed) {
            // Past the rename: the copy is complete; only its name's durability is in doubt.
            QCOMPARE(readDisk(target), edited);
        } else if (p.isSaveAs) {
            QVERIFY2(!exists(target), where + ": a failed Save As left the target");
            const bool mentioned = msg.find("could not be removed") != std::string::npos;
            QVERIFY2(tempsIn(m_dir.path().toStdString()).empty() || mentioned, where + ": temporary file left");
            if (p.mode == OpenMode::Private) QVERIFY2(disk == original, where + ": the original changed");
        } else if (p.mode == OpenMode::Private && !committed) {
            QVERIFY2(disk == original, where + ": the file is not as it was");
        } else if (p.mode == OpenMode::Private && committed) {
            for (const auto& [s, e] : doc.modified().ranges())
                QVERIFY2(std::equal(edited.begin() + s, edited.begin() + e, disk.begin() + s), where);
        } else if (!modifiedBefore) {
            // A refused resize: nothing changed, in the file or the editor.
            QVERIFY2(disk == original, where + ": the file changed");
        }
        // Without the fault, the same operation now succeeds.
        const Status again = p.run(doc, target);
        QVERIFY2(again.ok(), where + ": retry: " + (again.ok() ? "" : again.error().message.c_str()));
        if (p.isSaveAs) QCOMPARE(readDisk(target), edited);
        else if (p.mode == OpenMode::Private && modifiedBefore) QVERIFY2(readDisk(file) == edited, where);
        if (modifiedBefore && !p.isSaveAs && !p.pieces) {
            // The history still leads back to the file as it was opened.
            while (doc.canUndo()) QVERIFY(doc.undo().ok());
            QVERIFY2(contents(doc) == Bytes(original.begin(), original.end()), where + ": undo");
        }
    }

    // Runs the path in a child that kills itself after call k. *finished: the child got
    // through every call (k was past the last).
    void crashAt(const Path& p, int k, bool* finished) {
        Bytes original;
        const std::string file = freshFile(&original);
        const std::string target = file + ".copy";
        const std::string folder = m_dir.path().toStdString();
        for (const auto& t : tempsIn(folder)) ::unlink((folder + "/" + t).c_str());
        // The edited bytes, known in the parent too: the same edits on a throwaway copy.
        Bytes edited;
        std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
        {
            const std::string twin = file + ".twin";
            QFile::copy(QString::fromStdString(file), QString::fromStdString(twin));
            Document d = openDoc(twin, OpenMode::Private);
            p.edit(d);
            edited = contents(d);
            ranges = d.modified().ranges();
            ::unlink(twin.c_str());
        }
        const pid_t pid = ::fork();
        if (pid == 0) {
            Document doc = openDoc(file, p.mode);
            p.edit(doc);
            Script script(k, Script::Action::KillAfter);
            sysio::setInjector(&script);
            const Status st = p.run(doc, target);
            sysio::setInjector(nullptr);
            _exit(st.ok() ? 0 : 3);
        }
        int status = 0;
        QVERIFY(::waitpid(pid, &status, 0) == pid);
        const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        const QByteArray where = QByteArray(p.name) + ", killed after call " + QByteArray::number(k);
        if (!killed) QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, where + ": the save failed");
        const Bytes disk = readDisk(file);
        if (p.isSaveAs) {
            // Wholly old (no target) or wholly new; the original untouched (private).
            if (exists(target)) QVERIFY2(readDisk(target) == edited, where + ": a torn copy");
            if (p.mode == OpenMode::Private) QVERIFY2(disk == original, where);
            // A temporary file of the dead process is removed by the next Save As.
            if (killed && !tempsIn(folder).empty()) {
                Document again = openDoc(file, OpenMode::ReadOnly);
                QVERIFY(again.writeCopy(target).ok());
                QVERIFY2(tempsIn(folder).empty(), where + ": a stale temporary file was not removed");
            }
        } else if (p.pieces) {
            QVERIFY2(disk == original || disk == edited, where + ": a torn save");
            if (!killed) QVERIFY2(disk == edited, where + ": a completed save");
        } else {
            // Private save: the size is old or new, and each edited range is old or new.
            QVERIFY2(disk.size() == original.size() || disk.size() == edited.size(), where + ": size");
            for (const auto& [s, e] : ranges) {
                if (s >= disk.size()) continue;
                const std::uint64_t end = std::min<std::uint64_t>(e, disk.size());
                const bool isNew = std::equal(edited.begin() + s, edited.begin() + end, disk.begin() + s);
                const bool isOld = end <= original.size() &&
                                   std::equal(original.begin() + s, original.begin() + end, disk.begin() + s);
                QVERIFY2(isNew || isOld || (s >= original.size() && std::all_of(disk.begin() + s, disk.begin() + end, [](std::uint8_t b) { return b == 0; })),
                         where + ": a range is neither old nor new");
            }
            if (!killed) QVERIFY2(disk == edited, where + ": a completed save");
        }
        *finished = !killed;
    }
};

QTEST_APPLESS_MAIN(TestFaultInjection)
#include "test_fault_injection.moc"
