// SPDX-License-Identifier: MIT
// Insert/delete benchmark (issue 18's targets). Prints numbers and ratios measured in the
// same run:
//  (a) one byte inserted at offset 0 of a 16 GiB sparse file (private mode), against one
//      byte overwritten there (the flat journal); the first frame of the grid after it
//      against a frame of the same rows without pieces;
//  (b) 100,000 inserts and deletes scattered over a 1 GiB log: a frame, Find All "ERROR"
//      (both cores, through DocumentReader as the window's search does) and memory, each
//      against the same document before its first insert;
//  (c) Save of one byte inserted at offset 0 of that 1 GiB log against `cp` of the file.
//
//   bench_pieces [FOLDER]     (default: a new folder under /tmp; files are removed after)
#include "../ui/said.h"
#include "bench_util.h"
#include "cursor_model.h"
#include "document_model.h"
#include "document_reader.h"
#include "hex_view.h"
#include "pattern.h"
#include "searcher.h"

#include <QApplication>
#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace hexmap;

namespace {

double nowS() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void check(const UiStatus& done) {
    if (!done) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(done.message()));
        std::exit(1);
    }
}

std::unique_ptr<DocumentModel> openOrDie(const std::string& path, OpenMode mode) {
    auto r = DocumentModel::open(QString::fromStdString(path), mode);
    if (!r) {
        std::fprintf(stderr, "%s\n", r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r.value());
}

long rssKiB() {
    long kib = 0;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "VmRSS: %ld", &kib) == 1) break;
        std::fclose(f);
    }
    return kib;
}

// Find All on both cores, as the window runs it: under a lease, through DocumentReader.
double findAllSeconds(const Document& doc, const Pattern& p, std::uint64_t* count) {
    const ReadLease lease = doc.lease("bench");
    const DocumentReader reader(doc, lease);
    std::uint64_t n = 0;
    const double t = nowS();
    auto r = findAll(reader, p, [&](const Match*, std::size_t k) { n += k; });
    const double s = nowS() - t;
    if (!r) {
        std::fprintf(stderr, "find all: %s\n", r.error().message.c_str());
        std::exit(1);
    }
    *count = n;
    return s;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir tmp;
    const std::string dir = argc > 1 ? argv[1] : tmp.path().toStdString();

    // (a) The front of a 16 GiB file.
    {
        const std::string path = dir + "/sparse16g.bin";
        const QByteArray text = bench::logText(64 << 10);
        if (!bench::writeFile(QString::fromStdString(path), text, 16LL << 30)) return 1;
        std::vector<double> inserts, overwrites;
        double flatFrame = 0, piecesFrame = 0;
        for (int round = 0; round < 21; ++round) {
            auto model = openOrDie(path, OpenMode::Private);
            const std::uint8_t b = 0xCA;
            double t = nowS();
            check(model->overwrite(0, &b, 1));
            overwrites.push_back(nowS() - t);
            check(model->undo());
            t = nowS();
            check(model->insert(0, &b, 1));
            inserts.push_back(nowS() - t);
            if (round == 0) {
                check(model->undo()); // flat again, for the baseline frame
                CursorModel cursor;
                cursor.setDocumentSize(model->size());
                HexView view;
                view.attach(model.get(), &cursor, nullptr);
                view.resize(1600, 1000);
                view.show();
                app.processEvents();
                bench::msPerFrame(view, 10); // warm-up
                flatFrame = bench::msPerFrame(view, 100);
                check(model->insert(0, &b, 1));
                app.processEvents();
                piecesFrame = bench::msPerFrame(view, 100);
                view.attach(nullptr, nullptr, nullptr);
            }
        }
        const double ins = bench::median(inserts) * 1e3, ovr = bench::median(overwrites) * 1e3;
        std::printf("(a) 16 GiB sparse file, private mode (medians of 21 opens)\n");
        std::printf("    insert 1 byte at 0: %.4f ms (target <= 1 ms); overwrite 1 byte at 0: %.4f ms (%.1fx)\n",
                    ins, ovr, ins / ovr);
        std::printf("    frame 1600x1000 at 0: flat %.3f ms, with the insert %.3f ms, ratio %.3f (target <= 1.1)\n",
                    flatFrame, piecesFrame, piecesFrame / flatFrame);
        ::unlink(path.c_str());
    }

    // (b) 100,000 scattered inserts and deletes over a 1 GiB log.
    const std::string log = dir + "/log1g.txt";
    {
        const std::uint64_t size = 1ull << 30;
        if (!bench::writeFile(QString::fromStdString(log), bench::logText(size))) return 1;
        auto pattern = Pattern::parse("ERROR", PatternOptions{});
        if (!pattern) return 1;
        auto model = openOrDie(log, OpenMode::Private);
        const Document& doc = model->document();
        CursorModel cursor;
        cursor.setDocumentSize(model->size());
        HexView view;
        view.attach(model.get(), &cursor, nullptr);
        view.resize(1600, 1000);
        view.show();
        app.processEvents();
        view.moveCursor(size / 2);
        bench::msPerFrame(view, 10);
        const double flatFrame = bench::msPerFrame(view, 100);
        std::uint64_t flatCount = 0, piecesCount = 0;
        (void)findAllSeconds(doc, pattern.value(), &flatCount); // warm the page cache
        std::vector<double> flatRuns, piecesRuns;
        for (int i = 0; i < 3; ++i) flatRuns.push_back(findAllSeconds(doc, pattern.value(), &flatCount));

        const long rssBefore = rssKiB();
        std::mt19937_64 rng(18);
        constexpr int kEdits = 100000;
        std::uint64_t inserted = 0;
        const double t = nowS();
        for (int i = 0; i < kEdits; ++i) {
            const std::uint64_t at = rng() % model->size();
            if (i % 2 == 0) {
                const std::uint8_t bytes[4] = {'<', 'i', 'n', '>'};
                check(model->insert(at, bytes, sizeof bytes));
                inserted += sizeof bytes;
            } else {
                check(model->erase(at, 1 + rng() % 64));
            }
        }
        const double editSeconds = nowS() - t;
        const long rssAfter = rssKiB();
        app.processEvents();
        const PieceTable& table = doc.pieceEdits()->table();
        const std::size_t count = table.pieceCount();
        const std::size_t tableBytes = table.memoryUsage();
        view.moveCursor(model->size() / 2);
        bench::msPerFrame(view, 10);
        const double piecesFrame = bench::msPerFrame(view, 100);
        for (int i = 0; i < 3; ++i) piecesRuns.push_back(findAllSeconds(doc, pattern.value(), &piecesCount));
        const double flatFind = bench::median(flatRuns), piecesFind = bench::median(piecesRuns);
        std::printf("(b) 1 GiB log, %d scattered inserts (4 bytes) and deletes (1-64 bytes): %.3f s, %.1f us each\n",
                    kEdits, editSeconds, editSeconds / kEdits * 1e6);
        // The undo history is every step's snapshot; they share all but the leaf and the
        // path each step copied, which memoryUsage() does not count: RSS does.
        const double rssGrowth = double(rssAfter - rssBefore) * 1024.0;
        std::printf("    pieces %zu; tree %.1f MiB = %.1f bytes a piece (target <= 64); inserted bytes %llu;\n"
                    "    RSS +%.1f MiB, so the undo history costs about %.0f bytes a step\n",
                    count, tableBytes / 1048576.0, double(tableBytes) / double(count),
                    static_cast<unsigned long long>(inserted), rssGrowth / 1048576.0,
                    (rssGrowth - double(tableBytes) - double(inserted)) / kEdits);
        std::printf("    frame 1600x1000 mid-file: flat %.3f ms, pieces %.3f ms, ratio %.3f (target <= 1.1)\n",
                    flatFrame, piecesFrame, piecesFrame / flatFrame);
        std::printf("    Find All ERROR: flat %.3f s (%llu), pieces %.3f s (%llu), speed %.2fx flat (target >= 0.8)\n",
                    flatFind, static_cast<unsigned long long>(flatCount), piecesFind,
                    static_cast<unsigned long long>(piecesCount), flatFind / piecesFind);
        view.attach(nullptr, nullptr, nullptr);
    }

    // (c) Save of one byte inserted at 0 of the 1 GiB log, against cp.
    {
        const std::string copy = dir + "/cp-target.txt";
        const std::string cmd = "cp '" + log + "' '" + copy + "' && sync -f '" + copy + "'";
        std::vector<double> cps, saves, inPlace;
        for (int round = 0; round < 3; ++round) {
            double t = nowS();
            if (std::system(cmd.c_str()) != 0) return 1;
            cps.push_back(nowS() - t);
            ::unlink(copy.c_str());
            auto model = openOrDie(log, OpenMode::Private);
            const std::uint8_t b = round % 2 ? 0x0A : 0x23;
            check(model->insert(0, &b, 1));
            t = nowS();
            check(model->save());
            saves.push_back(nowS() - t);
            // The same in place: the window's two halves (the rewrite, then the switch).
            auto again = openOrDie(log, OpenMode::Private);
            check(again->insert(0, &b, 1));
            t = nowS();
            const Status rewritten = again->document().rewriteInPlace();
            check(again->finishSavePieces(rewritten));
            inPlace.push_back(nowS() - t);
        }
        const double cp = bench::median(cps), save = bench::median(saves), place = bench::median(inPlace);
        std::printf("(c) save of 1 byte inserted at 0 of the 1 GiB log (through a copy and rename): %.3f s;\n"
                    "    in place (no second copy): %.3f s;\n"
                    "    cp + sync of the file %.3f s; ratio %.2f through a copy, %.2f in place (target <= 1.3)\n",
                    save, place, cp, save / cp, place / cp);
        ::unlink(log.c_str());
    }
    return 0;
}
